"""Mending misspelt words, but only into words the safeguarding cues use.

A word is mended only when it is not in the shipped English word list (pyspellchecker's
frequency list, read from the installed package: nothing is downloaded), and only into a word
the cues or their cancelling words are written with, one letter away (two for long words).
So an ordinary word is never turned into a danger word ("breath" stays "breath"), and
mending costs a few set look-ups (a delete index of the small cue vocabulary, as SymSpell
does) rather than a search of the whole dictionary.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from spellchecker import SpellChecker

# Shorter than this, too many real words are one letter apart to guess safely.
MIN_LENGTH = 3
# From this length a word may be two edits from its cue word ("collapsd" -> "collapsed").
TWO_EDITS_FROM = 7
# How much commoner "taking" must be than "takin" for "takin" to be read as "taking".
DROPPED_G_RATIO = 100
# Rarer than this in the word list and a "word" is usually itself a misspelling there.
MIN_FREQUENCY = 20


@cache
def known_words() -> frozenset[str]:
    """The shipped English word list (lower case), read once per process."""
    frequencies = SpellChecker(language="en", distance=1).word_frequency
    return frozenset(w for w, n in frequencies.dictionary.items() if n >= MIN_FREQUENCY)


@cache
def frequency() -> dict[str, int]:
    return dict(SpellChecker(language="en", distance=1).word_frequency.dictionary)


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def distance(a: str, b: str) -> int:
    """Edits between two words (insert, delete, change, swap two letters side by side)."""
    rows = [list(range(len(b) + 1))]
    for i, ca in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            row[j] = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], rows[-2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


class Speller:
    """Mends a word into one of `targets` when it is not a known word and is close to one."""

    def __init__(self, targets: Iterable[str], known: frozenset[str] | None = None) -> None:
        self._known = known_words() if known is None else known
        self._index: dict[str, set[str]] = {}
        self._targets = frozenset(targets)
        for word in self._targets:
            if len(word) >= MIN_LENGTH and word.isalpha():
                for key in {word, *_deletes(word)}:
                    self._index.setdefault(key, set()).add(word)
        self._counts = frequency() if known is None else {}

    def _dropped_g(self, word: str) -> bool:
        """A word written without its last g ("goin"): the -ing word is known and far commoner
        (so "takin" is "taking", but "thin" stays "thin" and "begin" stays "begin")."""
        full = word + "g"
        if full not in self._known:
            return False
        if not self._counts:
            return word not in self._known
        return self._counts.get(word, 0) * DROPPED_G_RATIO < self._counts.get(full, 0)

    def is_known(self, word: str) -> bool:
        return word in self._known or word in self._targets

    def mend(self, word: str) -> str:
        """The cue word `word` was meant to be, or `word` itself."""
        if word.endswith("in") and len(word) > 3 and self._dropped_g(word):
            return word + "g"  # "takin", "breathin", "lyin"
        if len(word) < MIN_LENGTH or not word.isalpha() or self.is_known(word):
            return word
        found: set[str] = set()
        for key in {word, *_deletes(word)}:
            found |= self._index.get(key, set())
        limit = 2 if len(word) >= TWO_EDITS_FROM else 1
        # Nearest first; then letters swapped over ("pian" is "pain", not "plan"); then commonest.
        close = [
            (distance(word, c), sorted(word) != sorted(c), -self._counts.get(c, 0), c)
            for c in found
        ]
        best = min((item for item in close if item[0] <= limit), default=None)
        return word if best is None else best[3]
