"""Step 3 of finding names: a title takes the name after it in ("Mrs Patel", "Mr and Mrs
Thompson", "Nurse Ann", "Big Dave", "miss price from the school"), and an initial the surname
after it ("J. Smith")."""

from __future__ import annotations

from bot.language.names._lists import COMMON, context, norm, surnames
from bot.language.names._words import Word, at, close, sets

# After a lower-case "miss" and a surname, these say she is someone: "miss price from the school".
_FROM = ("from", "said", "says", "told", "asked", "rang", "came", "brought", "taught")


def titled(text: str, words: list[Word], i: int, aside: set[int]) -> int | None:
    """The index of the name a title at i takes in ("Mrs Patel", "Mr and Mrs Thompson")."""
    w, ctx = words[i], context()
    if w.low not in sets().any_title:
        return None
    # "miss" is a word too: as a title it needs its capital ("we miss Pearl").
    honorific = w.low in ctx.honorifics and (w.cap or w.usage < COMMON or _teacher(words, i))
    nickname = w.cap and w.low in ctx.nicknames
    if i in aside or w.owned or not (honorific or nickname or (w.cap and w.low in ctx.titles)):
        return None
    j = i + 1
    if at(words, j) == "and" and norm(at(words, j + 1)) in ctx.honorifics:
        j += 2
    if not close(text, words, j - 1) or j in aside or words[j].low in ctx.never:
        return None
    name = words[j]
    if honorific and (name.cap or name.usage < COMMON or _teacher(words, i)):
        return j
    if name.cap and (name.listed or (name.usage < COMMON and not nickname)):
        return j  # "Nurse Ann", "Reverend Clarke", "Big Dave" (not "Old Trafford")
    return None


def _teacher(words: list[Word], i: int) -> bool:
    """ "miss price from the school said": a lower-case "miss" is a title before a surname
    that a word of doing follows, not "we miss price rises"."""
    return i + 2 < len(words) and words[i + 1].low in surnames() and at(words, i + 2) in _FROM


def initialled(text: str, words: list[Word], i: int, aside: set[int]) -> int | None:
    """ "J. Smith", "J Smith": an initial before a surname from the list."""
    w = words[i]
    if len(w.text) != 1 or not w.cap or w.low in ("i", "a") or i + 1 >= len(words):
        return None
    after = words[i + 1]
    gap = text[w.end : after.start]
    if gap not in (" ", ". ") or i + 1 in aside or not after.cap or after.low not in surnames():
        return None
    if gap == " " and after.usage >= COMMON:  # "Plan B Green"
        return None
    return i + 1
