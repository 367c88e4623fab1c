"""Addresses, phone numbers and emails by their shapes: phones by Google's libphonenumber (the
`phonenumbers` package) or said in words ("oh seven seven double oh nine..."), UK postcodes by
their published shape, emails typed or said ("jean at example dot com"), and street addresses
by a house number before a street word ("14 Elm Road", "The Cottage, 2 Back Lane")."""

from __future__ import annotations

import re

import phonenumbers

ADDRESS, PHONE, EMAIL = "[address]", "[phone]", "[email]"
PHONE_DIGITS = 9  # fewer digits is a year, a price or a time, not a phone number
SPOKEN_DIGITS = 10  # said in words, a UK number has ten or eleven digits
_SPOKEN_AT_LEAST = 4  # digits said as words, before a run is looked for
_DIGIT = re.compile(r"\d")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_TLDS = "com|org|net|uk|info|me|biz|email"
_SPOKEN_EMAIL = re.compile(
    rf"\b[\w.+-]+(?:\s+dot\s+[\w+-]+)*\s+at\s+[\w-]+(?:\s+dot\s+[\w-]+)*?\s+dot\s+(?:{_TLDS})\b",
    re.IGNORECASE,
)
_DIGIT_WORDS = {
    "oh": 1, "o": 1, "zero": 1, "nought": 1, "one": 1, "two": 1, "three": 1, "four": 1,
    "five": 1, "six": 1, "seven": 1, "eight": 1, "nine": 1,
}  # fmt: skip
_REPEATS = {"double": 2, "treble": 3, "triple": 3}
_SPOKEN_DIGIT = re.compile(
    rf"\b(?:(?:{'|'.join(_REPEATS)})\s+)?(?:{'|'.join(_DIGIT_WORDS)}|\d+)\b", re.IGNORECASE
)
_STREETS = (
    "road rd street st avenue ave lane ln close drive dr crescent way court ct grove terrace "
    "place gardens view walk hill row square mews rise parade park estate house flats bank "
    "cottages buildings yard fold croft wharf quay gate brow mount nook wynd chase meadows green"
).replace(" ", "|")
# A word of a street's name, not of a way of saying where: "number 56 down the road".
_NAMED = r"(?!(?-i:the|a)\b|(?:down|up|along|on|in|at|of|by|round|near|past|opposite|doors?)\b)"
_NUMBER = r"\d{1,4}[a-z]?\b(?! ?\d)"  # a house's number, not "number 020 7946 0193"
_SAID = "one two three four five six seven eight nine ten eleven twelve".replace(" ", "|")
# A house number said in words, after a word of where: "sue from number ten".
_SPOKEN_HOUSE = re.compile(rf"\b(?:at|from|to|in)\s+((?:flat|number)\s+(?:{_SAID}))\b", re.I)
_HOUSE_NAME = r"(?-i:The\s+[A-Z][a-z]+|[A-Z][a-z]+\s+(?:Cottage|House|Lodge|Farm|Villa)),\s+"
_SIDE = r"(?:\s+(?-i:North|South|East|West|Upper|Lower))?"
POSTCODE_SHAPE = r"[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b"
# A town before its postcode ("Sheffield S6 2AB") is no one's name.
TOWN = re.compile(rf",?\s+{POSTCODE_SHAPE}")
_POSTCODE = re.compile(rf"\b{POSTCODE_SHAPE}", re.IGNORECASE)
_ADDRESS = re.compile(
    rf"\b(?:(?:flat|number|no\.?|apartment)\s+{_NUMBER}(?:,?\s+(?:{_NAMED}[A-Z][a-z]+\s+){{1,3}}"
    rf"(?:{_STREETS})\b{_SIDE}|,?\s+(?-i:The\s+[A-Z][a-z]+))?|(?:{_HOUSE_NAME})?\d+[a-z]?,?\s+"
    rf"(?:{_NAMED}[A-Z][a-z'\u2019]+\s+){{1,3}}(?:{_STREETS})\b{_SIDE})",
    re.IGNORECASE,
)


def numbers_in(text: str) -> list[tuple[int, int, str]]:
    """(start, end, mark) of every email, phone number, postcode and street address."""
    found = [(m.start(), m.end(), EMAIL) for m in _EMAIL.finditer(text)]
    if " dot " in text.casefold():
        found += [(m.start(), m.end(), EMAIL) for m in _SPOKEN_EMAIL.finditer(text)]
    digits = len(_DIGIT.findall(text))
    if digits >= PHONE_DIGITS:  # the matcher is slow; most have none
        possible = phonenumbers.Leniency.POSSIBLE  # "07700 900 603": any grouping of digits
        for match in phonenumbers.PhoneNumberMatcher(text, "GB", leniency=possible):
            if sum(c.isdigit() for c in match.raw_string) >= PHONE_DIGITS:
                found.append((match.start, match.end, PHONE))
    if sum(w in _DIGIT_WORDS for w in text.casefold().split()) >= _SPOKEN_AT_LEAST:
        found += _spoken_phones(text)
    if "number " in text or "flat " in text.casefold():
        found += [(m.start(1), m.end(1), ADDRESS) for m in _SPOKEN_HOUSE.finditer(text)]
    if digits:
        found += [(m.start(), m.end(), ADDRESS) for m in _POSTCODE.finditer(text)]
        found += [(m.start(), m.end(), ADDRESS) for m in _ADDRESS.finditer(text)]
    return found


def _spoken_phones(text: str) -> list[tuple[int, int, str]]:
    """Runs of digits said in words (some may be figures) that add up to a phone number."""
    found: list[tuple[int, int, str]] = []
    run: list[re.Match[str]] = []
    for m in [*_SPOKEN_DIGIT.finditer(text), None]:
        if m is not None and (not run or not text[run[-1].end() : m.start()].strip(" ,-")):
            run.append(m)
            continue
        if run and _digits(run) >= SPOKEN_DIGITS and any(not r[0][0].isdigit() for r in run):
            found.append((run[0].start(), run[-1].end(), PHONE))
        run = [m] if m is not None else []
    return found


def _digits(run: list[re.Match[str]]) -> int:
    total = 0
    for m in run:
        *repeat, said = m.group().casefold().split()
        total += (len(said) if said.isdigit() else 1) * (_REPEATS[repeat[0]] if repeat else 1)
    return total
