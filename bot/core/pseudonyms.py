"""Made-up names staff see instead of anything that identifies a person ("Person K7")."""

from __future__ import annotations

import hashlib
import hmac
import secrets

# No I, O, 0 or 1: they are easy to misread when a name is said out loud.
_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"
_DIGITS = "23456789"
_TRIES_PER_LENGTH = 8


def candidates() -> list[str]:
    """Short names first, longer ones as the short ones fill up."""
    names = []
    for digits in range(1, 6):
        for _ in range(_TRIES_PER_LENGTH):
            tail = "".join(secrets.choice(_DIGITS) for _ in range(digits))
            names.append(secrets.choice(_LETTERS) + tail)
    return names


class NoPseudonymKey(RuntimeError):
    """PSEUDONYM_KEY was not set where people are added or forgotten (start-up requires it)."""


def retired_mark(key: bytes | None, pseudonym: str) -> str:
    """What is kept of a forgotten person's made-up name: a keyed hash, so that it is never
    given out again while nobody holding only the database can read which names were retired
    (the names are few enough to try them all, hence the key, kept outside the database)."""
    if not key:
        raise NoPseudonymKey("PSEUDONYM_KEY is not set")
    return hmac.new(key, pseudonym.encode("utf-8"), hashlib.sha256).hexdigest()
