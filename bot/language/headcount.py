"""How many people a volunteer typed: "8", "about 12", "a dozen", "twelve or so", "10 to 12".

Number words become digits with the text2num package ("twelve" -> 12); what it leaves as words,
"a dozen" and the like, is a small table here. Only a short message with one number (or a
range, read as its middle), and nothing but hedging words around it, is a headcount.
"""

from __future__ import annotations

import re

from text_to_num import alpha2digit

from bot.language.folding import normalise

MAX_HEADCOUNT_WORDS = 8
_DOZENS = (
    (re.compile(r"\b(a )?couple of dozen\b|\btwo dozen\b"), "24"),
    (re.compile(r"\bhalf a dozen\b"), "6"),
    (re.compile(r"\b(a|one) dozen\b|\bdozen\b"), "12"),
    (re.compile(r"\b(a|one) score\b"), "20"),
)
# Words that hedge a number without changing it; any other word and it is not a headcount.
_HEDGES = frozenset(
    [
        "about",
        "around",
        "roughly",
        "approximately",
        "approx",
        "maybe",
        "perhaps",
        "nearly",
        "almost",
        "or",
        "so",
        "some",
        "just",
        "over",
        "under",
        "there",
        "were",
        "was",
        "we",
        "had",
        "of",
        "us",
        "people",
        "folk",
        "in",
        "all",
        "total",
        "ish",
        "odd",
        "abouts",
        "guess",
        "say",
        "i",
        "think",
        "at",
        "least",
        "a",
        "to",
        "and",
    ]
)
_RANGE_HYPHEN = re.compile(r"(?<=\d)\s*-\s*(?=\d)")
_WORD_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")
_RANGE_JOINERS = frozenset({"or", "to", "and"})


def headcount(text: str) -> int | None:
    """The number of people the text says, or None when it does not plainly say one."""
    if any(ch.isdigit() and not ch.isascii() for ch in text):
        return None  # "²" or "٣": digits, but not ones anybody types for a headcount
    if text.strip().startswith("-"):
        return None  # "-3"
    # "10-12" is a range; "twenty-five" one number, "twelve-ish" twelve.
    said = normalise(_WORD_HYPHEN.sub(" ", _RANGE_HYPHEN.sub(" to ", text)))
    if not said or len(said.split()) > MAX_HEADCOUNT_WORDS:
        return None
    for pattern, digits in _DOZENS:
        said = pattern.sub(digits, said)
    words = alpha2digit(said, "en").split()
    numbers = [int(w) for w in words if w.isdigit()]
    rest = [w for w in words if not w.isdigit()]
    if not 1 <= len(numbers) <= 2 or not _HEDGES.issuperset(rest):
        return None
    if len(numbers) == 2 and not _RANGE_JOINERS.intersection(rest):
        return None  # "12 14": not one headcount
    return round(sum(numbers) / len(numbers))
