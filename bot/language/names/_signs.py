"""Signs beside a word that say it is someone's name, or a thing's: a greeting before it
("hello its edna"), a state only a person is in after it ("Dawn is poorly", "May is 90"), a
possessive typed without its apostrophe ("Erics wife"), and a thing's name in lower case ("the
shepherds pie")."""

from __future__ import annotations

import re

from bot.language.names._lists import context, is_first_name
from bot.language.names._words import Word, at, sets

_IS = ("is", "was", "s", "isnt", "wasnt", "has", "been")
# An age after "is": "May is 90", not "Hope is 80 pence".
_AGE = re.compile(r"\s+(?:still\s+|now\s+)?(?:[6-9]\d|10\d)\b(?!\s*(?:p|pence|pounds?|quid)\b)")
_KIN = ("wife", "husband", "son", "daughter", "mum", "dad", "sister", "brother", "friend")


def compound(words: list[Word], i: int) -> bool:
    """Word i ends a thing's name in lower case: "the" and a word that is no name nor a word
    for someone ("the phone line", not "the new lady jean")."""
    if i < 2 or at(words, i - 2) not in context().determiners:
        return False
    w = words[i - 1]
    return not (w.cap or w.listed or w.small) and w.said not in sets().before_or_calls


def state_of(text: str, words: list[Word], i: int) -> bool:
    """ "is" or "was", then within three words a state only a person is in, or an age."""
    if at(words, i + 1) not in _IS:
        return False
    said = " ".join(at(words, k) for k in range(i + 2, i + 5))
    states = context().states
    if any(said.startswith(state) or f" {state}" in said for state in states):
        return True
    return words[i].listed and bool(_AGE.match(text, words[i + 1].end))


def kin_of(words: list[Word], i: int) -> bool:
    """ "Erics wife", "Johns mum": a first name and an "s" before a word of family."""
    w = words[i]
    stem = w.low.removesuffix("s")
    return w.cap and stem != w.low and is_first_name(stem) and at(words, i + 1) in _KIN


def introduced(words: list[Word], i: int) -> bool:
    """ "hello its edna", "hiya this is pat": a greeting, then who is speaking."""
    ctx = context()
    if at(words, i - 1) in ctx.introductions:
        return at(words, i - 2) in ctx.greetings
    this_is = at(words, i - 2) == "this" and at(words, i - 1) == "is"
    return this_is and (i == 2 or at(words, i - 3) in ctx.greetings)
