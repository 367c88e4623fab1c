"""A project's join word: short, easy to say and type (PARK47), printed on the flyer.

Typed to the bot it starts joining as the project's invite link does, but only ever as a
participant. Letters and digits that look alike (I and 1, O and 0) are never used, so what is
read off a flyer is what gets typed; case and a space or dash before the digits are ignored.
The word sits on a participant invite of its own, so the consent buttons carry that invite's
unguessable code, never the word, and a forged button cannot be used to guess words.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Awaitable, Callable

LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"  # no I, no O
DIGITS = "23456789"  # no 0, no 1
# Short, common, easy to say; none has an I or an O. Used when the project's own name gives
# no word of 3 to 5 such letters.
EASY_WORDS = (
    "PARK", "CAKE", "TEA", "SUN", "BEE", "DUCK", "LEAF", "STAR", "BELL", "DEER", "LAKE",
    "FERN", "HAT", "JAM", "KEY", "LAMP", "NEST", "PEAR", "SEA", "TREE", "WAVE", "BEAR",
    "CRAB", "GATE", "HARE", "JUG", "LARK", "NUT", "SWAN", "WREN", "PLUM", "RAY", "BUN",
)  # fmt: skip
TRIES = 50

# What a typed join word may look like: 3 to 5 letters, maybe a space or dash, 2 digits.
_TYPED = re.compile(r"^\s*(?:/start\s+)?([A-Za-z]{3,5})[\s-]?([0-9]{2})\s*[.!]?\s*$")


def looks_like(text: str | None) -> bool:
    """Whether a message is shaped like a join word (cheap: most messages fail at once)."""
    return text is not None and len(text) <= 24 and _TYPED.match(text) is not None


def normalise(text: str) -> str | None:
    """The join word a message means ("park 47", "/start Park47" -> PARK47), or None."""
    found = _TYPED.match(text)
    return (found.group(1) + found.group(2)).upper() if found else None


def _from_name(name: str) -> list[str]:
    words = re.findall(r"[A-Za-z]+", name.upper())
    return [w for w in words if 3 <= len(w) <= 5 and not set(w) - set(LETTERS)]


async def new_word(name: str, taken: Callable[[str], Awaitable[bool]]) -> str:
    """A fresh join word, from the project's name where it can be ("Firth Park" -> PARK47)."""
    stems = _from_name(name) or list(EASY_WORDS)
    for attempt in range(TRIES):
        stem = stems[attempt % len(stems)] if attempt < TRIES // 2 else secrets.choice(EASY_WORDS)
        word = stem + "".join(secrets.choice(DIGITS) for _ in range(2))
        if not await taken(word):
            return word
    raise RuntimeError("no free join word after many tries")  # 33 stems x 64 digit pairs
