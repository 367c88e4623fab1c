"""Text limits: what can be stored, and splitting long Telegram HTML into messages that each fit
without cutting a tag or entity."""

from __future__ import annotations

import re

TELEGRAM_TEXT_LIMIT = 4096
# A tag, an HTML entity, or a single character: the pieces a long line may be cut between.
_PIECE = re.compile(r"<[^>]*>|&[#a-zA-Z0-9]+;|.", re.DOTALL)


def split_message(text: str, limit: int = TELEGRAM_TEXT_LIMIT) -> list[str]:
    """Cut at line breaks where possible; a line longer than `limit` is cut between pieces."""
    chunks: list[str] = []
    current = ""
    for line in text.split("\n"):
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) <= limit:
            current = candidate
            continue
        if current:
            chunks.append(current)
        current = ""
        for piece in _PIECE.findall(line) if len(line) > limit else [line]:
            if len(current) + len(piece) > limit:
                chunks.append(current)
                current = ""
            current += piece
    if current or not chunks:
        chunks.append(current)
    return [chunk for chunk in chunks if chunk.strip()] or [text[:limit]]


def storable(text: str) -> str:
    """Text as it may be kept: NUL characters (which PostgreSQL refuses) removed, and lone
    surrogates (which no database can encode, and only a forged update carries) replaced."""
    if "\x00" in text:
        text = text.replace("\x00", "")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-8", "replace").decode("utf-8")
    return text
