"""Evening out how a message is written before it is read: case, apostrophes, punctuation.

Safeguarding and opt-out matching (and, later, intents) read text folded the same way.
"""

from __future__ import annotations

import re
import unicodedata

# Straight, curly and look-alike apostrophes: dropped, so "can\u2019t" reads as "cant".
_APOSTROPHES = str.maketrans("", "", "'\u2018\u2019\u201b\u02bc\u0060\u00b4\u2032\uff07")
_NOT_WORD = re.compile(r"[\W_]+")


def normalise(text: str) -> str:
    """Lower case, apostrophes dropped, other punctuation and runs of spaces made one space."""
    text = unicodedata.normalize("NFKC", text.translate(_APOSTROPHES)).casefold()
    return " ".join(_NOT_WORD.sub(" ", text.translate(_APOSTROPHES)).split())
