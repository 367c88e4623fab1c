"""Telegram's limits, counted as Telegram counts them, and text cut to fit them.

A message's length is counted after its HTML is parsed: a tag counts nothing, an entity such as
`&amp;` one character, and characters are UTF-16 code units (the Bot API's unit for every
offset), so an emoji outside the Basic Multilingual Plane counts two. Counting Python characters
or HTML would let such a message through that Telegram refuses.
"""

from __future__ import annotations

import re
import unicodedata

TELEGRAM_TEXT_LIMIT = 4096  # sendMessage text, after entities parsing
CAPTION_LIMIT = 1024  # a photo's or a file's caption, after entities parsing
TOAST_LIMIT = 200  # answerCallbackQuery text
# Telegram documents no limit on a button's label, but shows only a line of it: a label
# carrying someone's words (a place, a project) is cut well before the phone cuts it.
BUTTON_TEXT_LIMIT = 64

# A tag, an entity Telegram decodes, or one character: what text may be cut between.
_PIECE = re.compile(r"<[^>]*>|&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|lt|gt|amp|quot);|.", re.DOTALL)
# Only what counts other than its own length: tags and entities (see visible_length).
_MARKUP = re.compile(r"<[^>]*>|&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|lt|gt|amp|quot);")
_TAG = re.compile(r"<[^>]*>")
_NAMED = {"&lt;": "<", "&gt;": ">", "&amp;": "&", "&quot;": '"'}
_TAG_NAME = re.compile(r"</?\s*([a-zA-Z][a-zA-Z0-9-]*)")
# Characters that belong to the one before them: a cut just before one would change a letter or
# break an emoji (zero-width joiner, variation selectors, skin tones, tag characters).
_JOINERS = frozenset("\u200d\u20e3") | {chr(c) for c in range(0xFE00, 0xFE10)}


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units (what Telegram counts)."""
    # Encoding counts in C; a lone surrogate (which Python strings may hold) counts one.
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _width(piece: str) -> int:
    """What one piece of Telegram HTML adds to the message's length."""
    if _is_tag(piece):
        return 0
    if len(piece) > 1 and piece.startswith("&"):
        if piece in _NAMED:
            return 1
        code = int(piece[3:-1], 16) if piece[2] in "xX" else int(piece[2:-1])
        return 2 if code > 0xFFFF else 1
    return utf16_len(piece)


def visible_length(html: str) -> int:
    """The length Telegram gives this HTML: tags left out, entities one character each."""
    # Every character counts as itself but the tags and entities: the same pieces as _PIECE
    # (a character that starts no tag or entity is one piece), counted in C but those.
    length = utf16_len(html)
    for markup in _MARKUP.findall(html):
        length -= utf16_len(markup) - _width(markup)
    return length


def blank(html: str) -> bool:
    """True if Telegram would find no words in this HTML (it refuses an empty message)."""
    # Tags are the pieces (_PIECE) that show nothing; no other piece holds a "<".
    return not _TAG.sub("", html).strip()


def _is_tag(piece: str) -> bool:
    return piece.startswith("<") and len(piece) > 1


def _joined_to_previous(ch: str) -> bool:
    code = ord(ch)
    return (
        ch in _JOINERS
        or unicodedata.combining(ch) > 0
        or 0x1F3FB <= code <= 0x1F3FF  # skin tones
        or 0xE0020 <= code <= 0xE007F  # tag characters (flags of nations)
    )


def cut_plain(text: str, units: int, *, at_word: bool = True) -> str:
    """The start of plain `text` in at most `units` UTF-16 units: never half a surrogate pair,
    a letter without its accent or a broken emoji; on a word boundary when one is near."""
    if utf16_len(text) <= units:
        return text
    end, used = 0, 0
    while end < len(text) and used + utf16_len(text[end]) <= units:
        used += utf16_len(text[end])
        end += 1
    while 0 < end < len(text) and (_joined_to_previous(text[end]) or text[end - 1] == "\u200d"):
        end -= 1
    cut = text[:end]
    space = max(cut.rfind(" "), cut.rfind("\n"))
    if at_word and space > len(cut) * 4 // 5:
        cut = cut[:space]
    return cut


def pages(text: str, units: int) -> list[str]:
    """Plain `text` as pages of at most `units` UTF-16 units each, cut between words where it
    can be (as `cut_plain`), with nothing left out but the spaces at the cuts."""
    found: list[str] = []
    while utf16_len(text) > units:
        page = cut_plain(text, units) or text[0]
        found.append(page)
        text = text[len(page) :].lstrip()
    return [*found, text] if text or not found else found


def split_message(text: str, limit: int = TELEGRAM_TEXT_LIMIT) -> list[str]:
    """Telegram HTML as messages that each fit: cut at the last line break that fits, else the
    last space, never inside a tag or an entity; a tag open at a cut is closed there and opened
    again in the next message. Whitespace-only messages (which Telegram refuses) are dropped."""
    pieces = _PIECE.findall(text)
    chunks: list[str] = []
    carried: list[str] = []  # opening tags still open where the last message ended
    start = 0
    while start < len(pieces):
        end, cut = _next_cut(pieces, start, limit)
        body = pieces[start:end]
        still_open = _open_tags(carried, body)
        chunk = "".join(carried) + "".join(body) + "".join(map(_closing, reversed(still_open)))
        if not blank(chunk):
            chunks.append(chunk.strip())
        carried, start = still_open, cut
    return chunks


def _next_cut(pieces: list[str], start: int, limit: int) -> tuple[int, int]:
    """Where the message from `start` ends, and where the next one starts."""
    used, end, newline, space = 0, start, -1, -1
    while end < len(pieces) and used + _width(pieces[end]) <= limit:
        used += _width(pieces[end])
        if pieces[end] == "\n":
            newline = end
        elif pieces[end].isspace():
            space = end
        end += 1
    if end == len(pieces):
        return end, end
    if newline > start:
        return newline, newline + 1  # the break itself goes in neither message
    if space > start + (end - start) // 2:
        return space, space + 1
    return max(end, start + 1), max(end, start + 1)


def _open_tags(carried: list[str], body: list[str]) -> list[str]:
    """The opening tags still open after `body`, given those carried into it."""
    stack = list(carried)
    for piece in body:
        if not _is_tag(piece):
            continue
        if piece.startswith("</"):
            name = _name(piece)
            for i in range(len(stack) - 1, -1, -1):
                if _name(stack[i]) == name:
                    del stack[i:]
                    break
        else:
            stack.append(piece)
    return stack


def _name(tag: str) -> str:
    found = _TAG_NAME.match(tag)
    return found.group(1).lower() if found else ""


def _closing(tag: str) -> str:
    return f"</{_name(tag)}>"
