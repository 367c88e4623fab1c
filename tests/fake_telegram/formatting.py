"""Turning a bot's text + parse_mode/entities into what the user sees, with Telegram's limits."""

from __future__ import annotations

from typing import Any

from .html_entities import HtmlParseError, parse_html, utf16_len

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024

# Entity types a bot may send; the auto-detected kinds (url, mention, ...) are accepted too.
ENTITY_TYPES = frozenset(
    {
        "mention", "hashtag", "cashtag", "bot_command", "url", "email", "phone_number", "bold",
        "italic", "underline", "strikethrough", "spoiler", "blockquote", "expandable_blockquote",
        "code", "pre", "text_link", "text_mention", "custom_emoji", "date_time",
    }
)  # fmt: skip
_REQUIRED_EXTRA = {"text_link": "url", "text_mention": "user", "custom_emoji": "custom_emoji_id"}


class FormatError(Exception):
    """A text Telegram would refuse; ``description`` is the full Bot API error description."""

    def __init__(self, description: str, *, fake_limitation: bool = False) -> None:
        super().__init__(description)
        self.description = description
        # True when real Telegram would accept it but this fake does not emulate it.
        self.fake_limitation = fake_limitation


def _check_entities(text: str, entities: list[Any]) -> list[dict[str, Any]]:
    total = utf16_len(text)
    checked: list[dict[str, Any]] = []
    for index, entity in enumerate(entities):
        where = f"can't parse entities: entity {index}"
        if not isinstance(entity, dict):
            raise FormatError(f"Bad Request: {where} is not an object")
        kind, offset, length = entity.get("type"), entity.get("offset"), entity.get("length")
        if kind not in ENTITY_TYPES:
            raise FormatError(f"Bad Request: {where} has unsupported type {kind!r}")
        if not isinstance(offset, int) or not isinstance(length, int):
            raise FormatError(f"Bad Request: {where} needs integer offset and length")
        if offset < 0 or length <= 0 or offset + length > total:
            raise FormatError(
                f"Bad Request: {where} (offset {offset}, length {length}) is outside the text "
                f"of {total} UTF-16 code units"
            )
        extra = _REQUIRED_EXTRA.get(str(kind))
        if extra and not entity.get(extra):
            raise FormatError(f"Bad Request: {where} of type {kind} needs {extra}")
        checked.append(dict(entity))
    return sorted(checked, key=lambda e: (e["offset"], -e["length"]))


def _trim(text: str, entities: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    # Telegram strips leading and trailing whitespace from texts and captions.
    stripped = text.strip()
    shift = utf16_len(text[: len(text) - len(text.lstrip())])
    total = utf16_len(stripped)
    kept: list[dict[str, Any]] = []
    for entity in entities:
        start = max(entity["offset"] - shift, 0)
        end = min(entity["offset"] + entity["length"] - shift, total)
        if end > start:
            kept.append({**entity, "offset": start, "length": end - start})
    return stripped, kept


def parse_text(
    text: str,
    parse_mode: str | None,
    entities: list[Any] | None,
    *,
    strict_html: bool = True,
) -> tuple[str, list[dict[str, Any]]]:
    """Return (plain text, entities) as Telegram would store them; raise FormatError."""
    mode = (parse_mode or "").lower()  # Telegram matches parse_mode case-insensitively
    if mode not in ("", "html", "markdown", "markdownv2"):
        raise FormatError("Bad Request: unsupported parse_mode")
    if entities:
        # Explicit entities win; parse_mode is then ignored, as by Telegram.
        return _trim(text, _check_entities(text, entities))
    if mode == "html":
        try:
            plain, found = parse_html(text, strict_ampersand=strict_html)
        except HtmlParseError as exc:
            raise FormatError(f"Bad Request: can't parse entities: {exc}") from exc
        return _trim(plain, found)
    if mode:
        raise FormatError(
            f"Bad Request: parse_mode {parse_mode} is not supported by the fake server (use HTML)",
            fake_limitation=True,
        )
    return _trim(text, [])


def check_text(plain: str) -> None:
    if not plain:
        raise FormatError("Bad Request: message text is empty")
    if utf16_len(plain) > TEXT_LIMIT:
        raise FormatError("Bad Request: message is too long")


def check_caption(plain: str) -> None:
    if utf16_len(plain) > CAPTION_LIMIT:
        raise FormatError("Bad Request: message caption is too long")
