"""Evening out how a message is written before it is read.

Safeguarding and opt-out matching (and, later, intents) read text folded the same way, so
nothing a person types, and nothing an attacker hides, changes what the words are:
- invisible characters (zero-width spaces and joiners, soft hyphens, direction marks) go;
- accents go (cafe with an acute reads as "cafe"), and compatibility forms are unfolded
  (the "fi" ligature is "fi", full-width letters are plain ones);
- letters from other scripts that look like Latin ones (Cyrillic a, Greek omicron) become those
  Latin letters, by Unicode's confusables table (the confusable-homoglyphs package), and what
  that table has no plain letter for is transliterated (anyascii);
- then case, apostrophes and punctuation are evened out.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii
from confusable_homoglyphs import confusables

# Straight, curly and look-alike apostrophes: dropped, so "can\u2019t" reads as "cant".
APOSTROPHE_MARKS = "'\u2018\u2019\u201b\u02bc\u0060\u00b4\u2032\uff07"
_APOSTROPHES = str.maketrans("", "", APOSTROPHE_MARKS)
_ONE_APOSTROPHE = str.maketrans(dict.fromkeys(APOSTROPHE_MARKS, "'"))
_NOT_WORD = re.compile(r"[\W_]+")
# Format characters (zero-width, soft hyphen, bidi controls) and combining marks (accents).
_DROPPED = frozenset({"Cf", "Mn", "Me"})
# Distinct characters remembered; a flood of random ones cannot grow memory past this.
_CACHE_SIZE = 8192


def fold(text: str) -> str:
    """The text as plain lower-case Latin letters where it looks like them; nothing invisible."""
    text = unicodedata.normalize("NFKD", text).casefold()
    if text.isascii():
        return text
    return "".join(ch if ch.isascii() else _plain(ch) for ch in text)


def fold_keeping_apostrophes(text: str) -> str:
    """`fold`, with every kind of apostrophe made the plain one ("'") rather than dropped."""
    return fold(text.translate(_ONE_APOSTROPHE)).translate(_ONE_APOSTROPHE)


def normalise(text: str) -> str:
    """`fold`, apostrophes dropped, other punctuation and runs of spaces made one space."""
    folded = fold(text.translate(_APOSTROPHES)).translate(_APOSTROPHES)
    return " ".join(_NOT_WORD.sub(" ", folded).split())


@lru_cache(maxsize=_CACHE_SIZE)
def _plain(ch: str) -> str:
    """One non-ASCII character as matching should see it."""
    if unicodedata.category(ch) in _DROPPED:
        return ""
    if not ch.isalpha():
        return ch  # punctuation, symbols, emoji: the word splitter deals with them
    found = confusables.is_confusable(ch, greedy=True, preferred_aliases=["latin"])
    for glyph in found[0]["homoglyphs"] if found else ():
        if glyph["c"].isascii() and glyph["c"].isalpha():
            return str(glyph["c"]).casefold()
    spelled = anyascii(ch)
    return spelled.casefold() if len(spelled) == 1 and spelled.isalpha() else ch
