"""Telegram's HTML parse_mode, ported from tdlib's ``parse_html`` (MessageEntity.cpp).

The control flow and the error messages follow tdlib so that the fake rejects exactly what
Telegram rejects. One deliberate difference, on by default (``strict_ampersand``): tdlib keeps
a "&" that does not start a known entity as literal text, but the Bot API docs require every
"&" outside an entity to be written as "&amp;", and a bot that forgets to escape user text will
break on the first "<" anyway, so the fake reports it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

ALLOWED_TAGS = frozenset(
    {
        "a", "b", "strong", "i", "em", "s", "strike", "del", "u", "ins", "tg-spoiler",
        "tg-emoji", "tg-time", "span", "pre", "code", "blockquote",
    }
)  # fmt: skip

_SIMPLE = {
    "b": "bold", "strong": "bold", "i": "italic", "em": "italic", "u": "underline",
    "ins": "underline", "s": "strikethrough", "strike": "strikethrough", "del": "strikethrough",
    "tg-spoiler": "spoiler",
}  # fmt: skip

_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
# tdlib's is_space(): NUL doubles as the end-of-text sentinel of its C string.
_SPACES = frozenset(" \t\r\n\0\v")
_END = "\0"
_LINK_SCHEMES = ("http://", "https://", "tg://", "ton://")
_BARE_DOMAIN = re.compile(r"^[\w-]+(\.[\w-]+)*\.[a-z]{2,}(:\d+)?([/?#].*)?$", re.IGNORECASE)
_TG_USER = re.compile(r"^tg://user\?id=(\d+)$")


class HtmlParseError(ValueError):
    """Invalid Telegram HTML; str(error) is what follows "can't parse entities: "."""


@dataclass
class _OpenTag:
    name: str
    attrs: dict[str, str] = field(default_factory=dict)
    utf16_offset: int = 0
    text_index: int = 0  # index into the output char list, to recover <a>'s inner text


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit of every offset and limit in the Bot API."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def _byte_offset(text: str, index: int) -> int:
    # tdlib reports positions as byte offsets into the UTF-8 request text.
    return len(text[:index].encode("utf-8", "surrogatepass"))


def decode_entity(text: str, pos: int) -> tuple[str, int, bool] | None:
    """Decode the HTML entity at text[pos] == "&" like tdlib's decode_html_entity.

    Returns (character, position after it, whether it ended with ";"), or None when the "&"
    does not start an entity Telegram understands.
    """
    n = len(text)

    def at(i: int) -> str:
        return text[i] if i < n else _END

    end = pos + 1
    if at(end) == "#":
        end += 1
        code = 0
        if at(end) == "x":
            end += 1
            while at(end) in "0123456789abcdefABCDEF":
                code = code * 16 + int(at(end), 16)
                end += 1
                if code >= 0x10FFFF:
                    return None
        else:
            while at(end).isascii() and at(end).isdigit():
                code = code * 10 + int(at(end))
                end += 1
                if code >= 0x10FFFF:
                    return None
        if code == 0 or end - pos >= 10 or 0xD800 <= code <= 0xDFFF:
            return None
        char = chr(code)
    else:
        while at(end).isascii() and at(end).isalpha():
            end += 1
        named = _NAMED_ENTITIES.get(text[pos + 1 : end])
        if named is None:
            return None
        char = named
    if at(end) == ";":
        return char, end + 1, True
    return char, end, False


def _is_link(url: str) -> bool:
    return url.lower().startswith(_LINK_SCHEMES) or bool(_BARE_DOMAIN.match(url))


def _make_entity(tag: _OpenTag, offset: int, length: int, inner: str) -> dict[str, Any] | None:
    """The MessageEntity for a closed tag, or None when Telegram silently drops it."""
    entity: dict[str, Any] = {"offset": offset, "length": length}
    name = tag.name
    if name in _SIMPLE or (name == "span" and tag.attrs.get("class") == "tg-spoiler"):
        entity["type"] = _SIMPLE.get(name, "spoiler")
    elif name == "a":
        url = tag.attrs.get("href") or inner  # tdlib: <a>URL</a> links to its own text
        user = _TG_USER.match(url)
        if user:
            entity["type"] = "text_mention"
            entity["user"] = {"id": int(user.group(1)), "is_bot": False, "first_name": "User"}
        elif _is_link(url):
            entity["type"] = "text_link"
            entity["url"] = url
        else:
            return None  # not a link: Telegram keeps the text and drops the entity
    elif name == "code":
        entity["type"] = "code"
    elif name == "pre":
        entity["type"] = "pre"
    elif name == "blockquote":
        expandable = "expandable" in tag.attrs
        entity["type"] = "expandable_blockquote" if expandable else "blockquote"
    elif name == "tg-emoji":
        emoji_id = tag.attrs.get("emoji-id", "")
        if not emoji_id.isdigit():
            raise HtmlParseError("Invalid custom emoji identifier specified")
        entity["type"] = "custom_emoji"
        entity["custom_emoji_id"] = emoji_id
    elif name == "tg-time":
        unix = tag.attrs.get("unix", "")
        if not unix.isdigit():
            raise HtmlParseError("Invalid Unix time specified")
        entity["type"] = "date_time"
        entity["unix_time"] = int(unix)
        if tag.attrs.get("format"):
            entity["date_time_format"] = tag.attrs["format"]
    else:  # pragma: no cover - ALLOWED_TAGS and this chain list the same names
        return None
    return entity


class _Parser:
    def __init__(self, text: str, strict_ampersand: bool) -> None:
        self.text = text
        self.strict_ampersand = strict_ampersand
        self.i = 0
        self.out: list[str] = []
        self.utf16 = 0
        self.stack: list[_OpenTag] = []
        self.entities: list[dict[str, Any]] = []

    def at(self, i: int) -> str:
        return self.text[i] if i < len(self.text) else _END

    def error(self, message: str) -> HtmlParseError:
        return HtmlParseError(message)

    def byte(self, index: int) -> int:
        return _byte_offset(self.text, index)

    def emit(self, chars: str) -> None:
        self.out.append(chars)
        self.utf16 += utf16_len(chars)

    def run(self) -> tuple[str, list[dict[str, Any]]]:
        text = self.text
        while self.i < len(text):
            ch = text[self.i]
            if ch == "&":
                self.ampersand()
            elif ch == "<":
                if self.at(self.i + 1) == "/":
                    self.end_tag()
                else:
                    self.start_tag()
            else:
                self.emit(ch)
                self.i += 1
        if self.stack:
            raise self.error(
                f'Can\'t find end tag corresponding to start tag "{self.stack[-1].name}"'
            )
        self.entities.sort(key=lambda e: (e["offset"], -e["length"]))
        return "".join(self.out), self.entities

    def ampersand(self) -> None:
        decoded = decode_entity(self.text, self.i)
        if decoded is None or (self.strict_ampersand and not decoded[2]):
            if self.strict_ampersand:
                raise self.error(
                    f'Unescaped "&" at byte offset {self.byte(self.i)}: only &lt;, &gt;, &amp;, '
                    "&quot; and numeric entities ending with ';' are allowed"
                )
            self.emit("&")
            self.i += 1
            return
        char, self.i, _ = decoded
        self.emit(char)

    def start_tag(self) -> None:
        at = self.at
        begin = self.i
        i = begin + 1
        while at(i) not in _SPACES and at(i) != ">":
            i += 1
        if i >= len(self.text):
            raise self.error(f"Unclosed start tag at byte offset {self.byte(begin)}")
        name = self.text[begin + 1 : i].lower()
        if name not in ALLOWED_TAGS:
            raise self.error(f'Unsupported start tag "{name}" at byte offset {self.byte(begin)}')
        attrs: dict[str, str] = {}
        while at(i) != ">":
            while at(i) != _END and at(i) in _SPACES:
                i += 1
            if at(i) == ">":
                break
            attr_begin = i
            while at(i) not in _SPACES and at(i) not in "=>":
                i += 1
            attr_name = self.text[attr_begin:i]
            if not attr_name:
                raise self.error(
                    f'Empty attribute name in the tag "{name}" at byte offset {self.byte(begin)}'
                )
            while at(i) != _END and at(i) in _SPACES:
                i += 1
            if at(i) != "=":
                if name == "blockquote" and attr_name == "expandable":
                    attrs["expandable"] = "1"
                    continue
                raise self.error(
                    "Expected equal sign in declaration of an attribute of the tag "
                    f'"{name}" at byte offset {self.byte(begin)}'
                )
            i += 1
            while at(i) != _END and at(i) in _SPACES:
                i += 1
            if i >= len(self.text):
                raise self.error(f'Unclosed start tag "{name}" at byte offset {self.byte(begin)}')
            i, value = self.attribute_value(i, begin)
            attrs[attr_name] = value
        if name == "span" and attrs.get("class") != "tg-spoiler":
            raise self.error(
                f'Tag "span" must have class "tg-spoiler" at byte offset {self.byte(begin)}'
            )
        if name == "code" and attrs.get("class", "").startswith("language-"):
            attrs["language"] = attrs["class"][len("language-") :]
        self.stack.append(_OpenTag(name, attrs, self.utf16, len(self.out)))
        self.i = i + 1

    def attribute_value(self, i: int, tag_begin: int) -> tuple[int, str]:
        at = self.at
        if at(i) not in "'\"":
            # An unquoted name token: letters, digits, periods and hyphens, case-insensitive.
            token_begin = i
            while (at(i).isascii() and at(i).isalnum()) or at(i) in ".-":
                i += 1
            if at(i) not in _SPACES and at(i) != ">":
                raise self.error(
                    f"Unexpected end of name token at byte offset {self.byte(token_begin)}"
                )
            return i, self.text[token_begin:i].lower()
        quote = at(i)
        i += 1
        value: list[str] = []
        while at(i) != quote and i < len(self.text):
            if at(i) == "&":
                decoded = decode_entity(self.text, i)
                if decoded is not None:
                    value.append(decoded[0])
                    i = decoded[1]
                    continue
            value.append(at(i))
            i += 1
        if at(i) == quote:
            i += 1
        if i >= len(self.text):
            raise self.error(f"Unclosed start tag at byte offset {self.byte(tag_begin)}")
        return i, "".join(value)

    def end_tag(self) -> None:
        at = self.at
        begin = self.i
        if not self.stack:
            raise self.error(f"Unexpected end tag at byte offset {self.byte(begin)}")
        i = begin + 2
        while at(i) not in _SPACES and at(i) != ">":
            i += 1
        end_name = self.text[begin + 2 : i].lower()
        while at(i) in _SPACES and at(i) != _END:
            i += 1
        if at(i) != ">":
            raise self.error(f"Unclosed end tag at byte offset {self.byte(begin)}")
        tag = self.stack.pop()
        if end_name and end_name != tag.name:
            raise self.error(
                f'Unmatched end tag at byte offset {self.byte(begin)}, expected "</{tag.name}>", '
                f'found "</{end_name}>"'
            )
        self.i = i + 1
        length = self.utf16 - tag.utf16_offset
        if length <= 0:
            return  # empty entities are dropped, not an error
        inner = "".join(self.out[tag.text_index :])
        entity = _make_entity(tag, tag.utf16_offset, length, inner)
        if entity is None:
            return
        if tag.name == "pre":
            self.merge_pre_code(entity)
        inside_pre = bool(self.stack) and self.stack[-1].name == "pre"
        if tag.name == "code" and inside_pre and "language" in tag.attrs:
            entity["_language"] = tag.attrs["language"]
        self.entities.append(entity)

    def merge_pre_code(self, pre: dict[str, Any]) -> None:
        # <pre><code class="language-x">...</code></pre> is one pre entity with a language.
        if not self.entities:
            return
        last = self.entities[-1]
        same_span = last["offset"] == pre["offset"] and last["length"] == pre["length"]
        if last["type"] == "code" and same_span and "_language" in last:
            pre["language"] = last["_language"]
            self.entities.pop()


def parse_html(text: str, *, strict_ampersand: bool = True) -> tuple[str, list[dict[str, Any]]]:
    """Parse Telegram HTML into (plain text, MessageEntity dicts with UTF-16 offsets)."""
    plain, entities = _Parser(text, strict_ampersand).run()
    for entity in entities:
        entity.pop("_language", None)
    return plain, entities
