"""Text as it may be stored (Telegram's limits on what is sent are in `bot.core.limits`)."""

from __future__ import annotations


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
