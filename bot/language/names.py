"""Names, addresses, phone numbers and emails kept out of what staff and the programme read.

"Jean Smith at 14 Elm Road says..." reaches staff as "[name] at [address] says...". Found with
well-kept parts: first names from gender-guesser's list of some 40,000 (many countries), phone
numbers by Google's libphonenumber (the `phonenumbers` package), UK postcodes and emails by
their published shapes, street addresses by a house number before a street word. Many older
people's names are also ordinary words (May, Rose, Grace, Will, Frank), so a first name that is
also a common word is taken as a name only with something around it that says so: a title
(Mr, Mrs, Dr, Nurse), a capital letter mid-sentence or a surname after it, or a word of
speaking or coming beside it ("May said", "told Will"). The project's own place names stay.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import gender_guesser.detector as gender_guesser
import phonenumbers
import yaml

from bot.language.detection.spelling import frequency
from prompts.catalogue import PROMPTS_DIR

NAME, ADDRESS, PHONE, EMAIL = "[name]", "[address]", "[phone]", "[email]"
_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b", re.IGNORECASE)
_STREETS = (
    "road rd street st avenue ave lane ln close drive dr crescent way court ct grove terrace "
    "place gardens view walk hill row square mews rise parade park estate house flats"
)
_ADDRESS = re.compile(
    r"\b(?:(?:flat|number|no\.?|apartment)\s+\d+[a-z]?\b(?:,?\s+(?:[A-Z][a-z]+\s+){1,3}"
    rf"(?:{_STREETS.replace(' ', '|')})\b)?|\d+[a-z]?,?\s+(?:[A-Z][a-z'\u2019]+\s+){{1,3}}"
    rf"(?:{_STREETS.replace(' ', '|')})\b)",
    re.IGNORECASE,
)
NAMES_FILE = PROMPTS_DIR / "names.yaml"
_APOSTROPHES = "'\u2019"


@dataclass(frozen=True, slots=True)
class Context:
    """prompts/names.yaml: the words around a name that say it is one, or is not."""

    titles: frozenset[str]
    after: frozenset[str]
    before: frozenset[str]
    never: frozenset[str]
    places: frozenset[str]


@cache
def context() -> Context:
    data = yaml.safe_load(NAMES_FILE.read_text(encoding="utf-8"))
    return Context(*(frozenset(str(w) for w in data[key]) for key in Context.__slots__))


WORDISH = 300  # a lower-case first name this common as a word ("rose", "frank") needs context
PHONE_DIGITS = 9  # fewer digits is a year, a price or a time, not a phone number
# A first name used at least this often as an ordinary word (in the shipped word list's
# counts) needs something around it that says it is a name.
COMMON = 40_000


@dataclass(frozen=True, slots=True)
class Found:
    start: int
    end: int
    mark: str  # NAME, ADDRESS, PHONE or EMAIL


@cache
def _first_names() -> gender_guesser.Detector:
    return gender_guesser.Detector(case_sensitive=False)


def is_first_name(word: str) -> bool:
    return bool(_first_names().get_gender(word) != "unknown")


def _bare(word: str) -> str:
    """The word without a possessive ("Pat's" -> "Pat")."""
    for mark in _APOSTROPHES:
        word = word.removesuffix(f"{mark}s")
    return word.rstrip(_APOSTROPHES)


def found_in(text: str, keep: Iterable[str] = ()) -> list[Found]:
    """Every name, address, phone number and email in `text`, in order, not overlapping; words
    of `keep` (the project's own venue and place names) never count."""
    found = [Found(m.start(), m.end(), EMAIL) for m in _EMAIL.finditer(text)]
    if sum(c.isdigit() for c in text) >= PHONE_DIGITS:  # the matcher is slow; most have none
        possible = phonenumbers.Leniency.POSSIBLE  # "07700 900 603": any grouping of digits
        for match in phonenumbers.PhoneNumberMatcher(text, "GB", leniency=possible):
            if sum(c.isdigit() for c in match.raw_string) >= PHONE_DIGITS:
                found.append(Found(match.start, match.end, PHONE))
    if any(c.isdigit() for c in text):
        found += [Found(m.start(), m.end(), ADDRESS) for m in _POSTCODE.finditer(text)]
        found += [Found(m.start(), m.end(), ADDRESS) for m in _ADDRESS.finditer(text)]
    kept = {w.casefold() for phrase in keep for w in _WORD.findall(phrase)}
    found += _names(text, kept)
    return _apart(found)


def redact(text: str, keep: Iterable[str] = ()) -> str:
    """`text` with each name, address, phone number and email replaced by its mark."""
    out, at = [], 0
    for f in found_in(text, keep):
        out += [text[at : f.start], f.mark]
        at = f.end
    return "".join(out) + text[at:]


def _names(text: str, kept: set[str]) -> list[Found]:
    words = list(_WORD.finditer(text))
    common = frequency()
    found: list[Found] = []
    i = 0
    while i < len(words):
        bare = _bare(words[i].group())
        lower = bare.casefold()
        titled = lower in context().titles and i + 1 < len(words) and _named(words[i + 1].group())
        saint = i > 0 and words[i - 1].group().casefold() in ("st", "saint")  # St John's
        if lower in kept or saint or (not titled and lower in context().never):
            i += 1
            continue
        # A name no list has ("Kwame", "Trev"): capitalised, rare as a word, and said so.
        unlisted = not titled and not is_first_name(lower)
        if unlisted and not (
            bare[:1].isupper() and common.get(lower, 0) < WORDISH and _beside(words, i)
        ):
            i += 1
            continue
        start, end = words[i].start(), words[i].start() + len(bare)
        after = words[i + 1].group().casefold() if i + 1 < len(words) else ""
        usage = common.get(lower, 0)
        if titled:
            i += 1
            end = words[i].start() + len(_bare(words[i].group()))
        elif (
            after in context().places
            or (usage >= COMMON and not _said_so(words, i))
            or (bare.islower() and usage >= WORDISH and not _beside(words, i))
        ):
            i += 1
            continue
        # A surname after it: a capitalised word that is not the project's own.
        if i + 1 < len(words) and _surname(words[i + 1].group(), kept):
            i += 1
            end = words[i].start() + len(_bare(words[i].group()))
        found.append(Found(start, end, NAME))
        i += 1
    return found


def _said_so(words: list[re.Match[str]], i: int) -> bool:
    """A common word used as a name: capitalised, and then a word of speaking or coming or a
    surname, or after a word such as "ask" or "with"."""
    after = words[i + 1].group() if i + 1 < len(words) else ""
    return words[i].group()[:1].isupper() and (_beside(words, i) or _surname(after, set()))


def _beside(words: list[re.Match[str]], i: int) -> bool:
    """A word of speaking or coming after it ("May said"), or "ask", "with" before it."""
    after = words[i + 1].group().casefold() if i + 1 < len(words) else ""
    before = words[i - 1].group().casefold() if i > 0 else ""
    owned = _bare(words[i].group()) != words[i].group()  # "bob's not well"
    return after in context().after or before in context().before or owned


def _named(word: str) -> bool:
    """After a title: a name ("Mrs Patel", "mrs patel"), not a word ("Nurse said")."""
    return word[:1].isupper() or frequency().get(word.casefold(), 0) < COMMON


def _surname(word: str, kept: set[str]) -> bool:
    bare = _bare(word)
    return (
        bare[:1].isupper()
        and bare.casefold() not in kept
        and bare.casefold() not in context().titles
        and frequency().get(bare.casefold(), 0) < COMMON
    )


def _apart(found: list[Found]) -> list[Found]:
    """In order; where two overlap, the one starting first (the longer on a tie) wins."""
    kept: list[Found] = []
    for f in sorted(found, key=lambda f: (f.start, -f.end)):
        if not kept or f.start >= kept[-1].end:
            kept.append(f)
    return kept
