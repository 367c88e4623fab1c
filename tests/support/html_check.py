"""A strict check that text is Telegram HTML (used by the offline seam)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from tests.fake_telegram.formatting import FormatError, parse_text
from tests.fake_telegram.html_entities import utf16_len

ALLOWED = {
    "b",
    "strong",
    "i",
    "em",
    "u",
    "ins",
    "s",
    "strike",
    "del",
    "a",
    "code",
    "pre",
    "blockquote",
    "tg-spoiler",
    "span",
}


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED:
            self.errors.append(f"unsupported start tag {tag!r}")
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.errors.append(f"unexpected end tag {tag!r}")


def html_errors(text: str) -> list[str]:
    if re.search(r"<(?![a-zA-Z/])", text):
        return ["a bare < is not allowed"]
    if re.search(r"&(?!(lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);)", text):
        return ["a bare & is not allowed"]
    checker = _Checker()
    checker.feed(text)
    checker.close()
    if checker.stack:
        checker.errors.append(f"can't find end tag for {checker.stack[-1]!r}")
    return checker.errors


def telegram_length(text: str, parse_mode: str | None = "HTML") -> int:
    """The length Telegram gives a text: parsed as the fake Bot API parses it (tdlib's rules),
    in UTF-16 code units. Text that does not parse counts as its raw length."""
    try:
        plain, _ = parse_text(text, parse_mode, None)
    except FormatError:
        return utf16_len(text)
    return utf16_len(plain)
