"""Made-up names staff see instead of anything that identifies a person ("Person K7")."""

from __future__ import annotations

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
