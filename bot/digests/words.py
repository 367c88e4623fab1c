"""Words and two-word phrases that came up often in people's comments (for the weekly digests)."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable

MIN_COMMENTS = 2  # a word must come up in at least this many different comments
# Longer "words" are pasted links or key-mashing, not something people said.
MAX_WORD_CHARS = 30
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*|\.")
# Punctuation and numbers end a phrase: "lovely. Tea" is not the phrase "lovely tea".
_BREAK = re.compile(r"(?:[^\w\s'-]|[\d_])+")


def _words(text: str, stop: frozenset[str]) -> list[str | None]:
    """The words of `text`, case-folded, with None for a word to skip (keeps adjacency honest):
    one in `stop` (the common words of prompts/stopwords.yaml, read at start-up), or too long.
    """
    out: list[str | None] = []
    for word in _WORD.findall(_BREAK.sub(" . ", text.casefold().replace("\u2019", "'"))):
        if word not in stop and word.endswith("'s"):
            word = word[:-2]  # "the group's tea" -> "group"
        keep = word not in stop and 2 <= len(word) <= MAX_WORD_CHARS and word != "."
        out.append(word if keep else None)
    return out


def phrases_in(text: str, stop: frozenset[str]) -> list[str]:
    """Every word and two-word phrase in `text` that could count as coming up often, in order."""
    words = _words(text, stop)
    found: dict[str, None] = {}
    for a, b in itertools.pairwise([*words, None]):
        if a:
            found[a] = None
            if b:
                found[f"{a} {b}"] = None
    return list(found)


def ranked_phrases(texts: Iterable[str], stop: frozenset[str]) -> list[str]:
    """Words and phrases in at least MIN_COMMENTS comments, the most frequent first.

    A phrase wins over its own words when they came up equally often ("bingo night", not
    also "bingo"); ties keep the order in which they first came up.
    """
    return rank(phrases_in(text, stop) for text in texts)


def rank(found_in_each: Iterable[list[str]]) -> list[str]:
    """ranked_phrases, from each comment's phrases_in (for a caller that has them already)."""
    counts: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    for found in found_in_each:
        for phrase in found:
            counts[phrase] += 1
            first_seen.setdefault(phrase, len(first_seen))
    return rank_counted(counts, first_seen)


def rank_counted(counts: Counter[str], first_seen: dict[str, int]) -> list[str]:
    """`rank`, from each phrase's count of comments and the order they first came up (for a
    caller that counts as it goes, instead of holding every comment's phrases)."""
    frequent = {phrase: n for phrase, n in counts.items() if n >= MIN_COMMENTS}
    covered = {
        word
        for phrase, n in frequent.items()
        if " " in phrase
        for word in phrase.split(" ")
        if frequent.get(word) == n
    }
    kept = [phrase for phrase in frequent if phrase not in covered]
    return sorted(kept, key=lambda p: (-frequent[p], -p.count(" "), first_seen[p]))


def frequent_phrases(texts: Iterable[str], stop: frozenset[str], limit: int = 5) -> list[str]:
    """Up to `limit` words and two-word phrases that came up in at least 2 different comments."""
    return ranked_phrases(texts, stop)[: max(limit, 0)]
