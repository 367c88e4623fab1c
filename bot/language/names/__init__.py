"""Names, addresses, phone numbers and emails kept out of what staff and the programme read.

"Jean Smith at 14 Elm Road says..." reaches staff as "[name] at [address] says...". Found with
well-kept parts: first names from gender-guesser's list of some 40,000 (many countries),
surnames from Faker's person lists, phone numbers by Google's libphonenumber, UK postcodes and
emails by their published shapes, street addresses by a house number before a street word.
_people.py says how a first name that is also a word (May, Rose, Grace) is told from the word;
prompts/names.yaml holds the words it reads, for a partner to edit. The project's own place
names stay.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bot.language.names._lists import (
    NAMES_FILE,
    WORD,
    Context,
    context,
    is_first_name,
    norm,
    surnames,
)
from bot.language.names._numbers import ADDRESS, EMAIL, PHONE, numbers_in
from bot.language.names._people import people_in

NAME = "[name]"

__all__ = [
    "ADDRESS",
    "EMAIL",
    "NAME",
    "NAMES_FILE",
    "PHONE",
    "Context",
    "Found",
    "context",
    "found_in",
    "is_first_name",
    "load",
    "redact",
]


@dataclass(frozen=True, slots=True)
class Found:
    start: int
    end: int
    mark: str  # NAME, ADDRESS, PHONE or EMAIL


def found_in(text: str, keep: Iterable[str] = ()) -> list[Found]:
    """Every name, address, phone number and email in `text`, in order, not overlapping; words
    of `keep` (the project's own venue and place names) never count."""
    found = [Found(start, end, mark) for start, end, mark in numbers_in(text)]
    kept = {norm(w) for phrase in keep for w in WORD.findall(phrase)}
    found += [Found(start, end, NAME) for start, end in people_in(text, kept)]
    return _apart(found)


def load() -> None:
    """Read every list now (a fraction of a second) rather than on the first comment."""
    context()
    surnames()
    found_in("Jean Smith")


def redact(text: str, keep: Iterable[str] = ()) -> str:
    """`text` with each name, address, phone number and email replaced by its mark."""
    out, at = [], 0
    for f in found_in(text, keep):
        out += [text[at : f.start], f.mark]
        at = f.end
    return "".join(out) + text[at:]


def _apart(found: list[Found]) -> list[Found]:
    """In order; where two overlap, the one starting first (the longer on a tie) wins."""
    kept: list[Found] = []
    for f in sorted(found, key=lambda f: (f.start, -f.end)):
        if not kept or f.start >= kept[-1].end:
            kept.append(f)
    return kept
