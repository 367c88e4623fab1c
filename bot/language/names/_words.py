"""The words of a text and what each is (its spelling looked up once), and step 1 of finding
names: the words set aside, that are no person's name here ("the Rose and Crown", "we sang
Danny Boy", "in Sheffield", "Age UK")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple

from bot.language.names._lists import WORD, bare, context, is_first_name, norm, usage
from bot.language.names._numbers import TOWN

# After a name, these say little: "Tea was cold", "Dawn was breaking", "tom and jerry".
WEAK = ("is", "was", "has", "had", "are", "were", "r", "and", "n", "an", "or")
_BE = ("is", "was", "are", "were", "its", "thats", "been", "be")
_NAMING = ("called", "named")  # "the choir is called the Sunshine Singers"
_RUN_JOINS = ("and", "the", "of", "a", "with", "me")  # inside a title: "The Holly and the Ivy"
_DIGIT = re.compile(r"\d")
_CONTRACTION = re.compile(r"['\u2019][a-z]")  # "I'm", "don't"
_SAINT = ("st", "saint")  # "St John's" is a church
_ON = ("on", "about")  # "a talk on", "a film about"


class Word(NamedTuple):
    start: int
    end: int  # without a possessive: "Pat" of "Pat's"
    text: str  # as written, without a possessive
    low: str  # norm(text)
    said: str  # the whole word as the lists hold it ("isn't" -> "isnt")
    owned: bool
    listed: bool  # in the list of first names
    usage: int  # how often it is an ordinary word
    cap: bool  # a capital first, not all capitals ("UK")
    small: bool  # never a name: a small word, a contraction ("I'm"), a lower-case title


def words_of(text: str) -> list[Word]:
    return [_word(m.start(), _spelling(m.group())) for m in WORD.finditer(text)]


def _word(start: int, spelling: tuple[str, str, str, bool, bool, int, bool, bool]) -> Word:
    return Word(start, start + len(spelling[0]), *spelling)


@lru_cache(maxsize=1 << 16)
def _spelling(written: str) -> tuple[str, str, str, bool, bool, int, bool, bool]:
    """What a word is wherever it stands, worked out once per spelling."""
    text = bare(written)
    low, ctx = norm(text), context()
    cap = text[:1].isupper() and not (len(text) > 1 and text.isupper())
    small = low in ctx.never or bool(_CONTRACTION.search(text))
    # A title or a place's word alone ("Nan said", "Memory Lane"), a letter alone ("B&M").
    small = small or low in sets().any_title or low in ctx.places or len(text) == 1
    listed = not small and is_first_name(low)
    return text, low, norm(written), text != written, listed, usage(low), cap, small


def at(words: list[Word], i: int) -> str:
    return words[i].said if 0 <= i < len(words) else ""


def close(text: str, words: list[Word], i: int) -> bool:
    """Word i and the next are only a space apart (no comma, no full stop)."""
    return i + 1 < len(words) and not text[words[i].end : words[i + 1].start].strip()


def set_aside(text: str, words: list[Word], kept: set[str]) -> set[int]:
    """The words set aside: no person's name here (step 1)."""
    ctx, triggers = context(), sets().triggers
    aside = {i for i, w in enumerate(words) if w.low in kept} if kept else set()
    if _DIGIT.search(text):  # "..., Sheffield S6 2AB"
        towns = {m.start() for m in TOWN.finditer(text)}
        aside.update(i for i, w in enumerate(words) if w.end in towns)
    ahead = [w.low in ctx.months for w in words[1:]] + [False]  # a month follows
    for i in [i for i, w in enumerate(words) if w.said in triggers or ahead[i]]:
        w = words[i]
        nxt = words[i + 1] if i + 1 < len(words) else None
        for phrase in _things().get(w.low, ()):
            if tuple(x.low for x in words[i : i + len(phrase)]) == phrase:
                aside.update(range(i, i + len(phrase)))
        if w.low in ctx.months and re.match(r"\s*(the\s+)?\d", text[w.end :]):
            aside.add(i)  # "June 14th"
        if nxt is None:
            continue
        if w.said in ctx.determiners or w.said in _SAINT:  # "the ivy", "St Mary's"
            aside.add(i + 1)
        person = nxt.owned or len(nxt.text) == 1 or nxt.low in sets().not_after_title
        place = not person and (
            w.said in ctx.within
            or (w.said in ("from", "at") and not nxt.listed)  # "at Crich", not "at Jean"
            or (w.said == "to" and at(words, i - 1) in ctx.going)
        )
        work = w.said in ctx.works or (w.said in _NAMING and at(words, i - 1) in _BE)
        # "the talk on King Arthur", "Queen Victoria": a subject or a royal, no one here.
        topic = w.said in _ON and at(words, i - 1) in ctx.topics
        royal = w.cap and w.low in ctx.royals
        if nxt.cap and (w.said in ctx.determiners or w.said in _SAINT or place or work or topic):
            aside.update(_run(text, words, i + 1))
        elif nxt.cap and royal:
            aside.update((i, i + 1))
        if w.low in ctx.pets:  # "our dog Bobby", "the dog, Bobby"; "Percy the dog"
            aside.add(i + 1)
            if i >= 2 and at(words, i - 1) == "the":
                aside.add(i - 2)
        if (
            nxt.low in ctx.months
            and (  # "last June", "14th June"
                w.said in ctx.when or re.search(r"\d\w*\s*$", text[: nxt.start])
            )
        ):
            aside.add(i + 1)
    return aside


def _run(text: str, words: list[Word], k: int) -> range:
    """The capitalised words from k on, with the small words inside a title ("Daisy Daisy and
    It's a Long Way")."""
    last = k
    j = k + 1
    while j < len(words) and not text[words[j - 1].end : words[j].start].strip(" '\u2019"):
        if words[j].cap:
            last = j
        elif words[j].said not in _RUN_JOINS or _speaks(words, j):
            break
        j += 1
    return range(k, last + 1)


def _speaks(words: list[Word], j: int) -> bool:
    """ "and" before someone doing something ends a run: "to Chatsworth and Muriel fell"."""
    return words[j].said == "and" and at(words, j + 2) in sets().doing


@dataclass(frozen=True, slots=True)
class _Sets:
    """Unions of prompts/names.yaml's lists, made once."""

    not_surname: frozenset[str]
    not_after_title: frozenset[str]
    before_or_calls: frozenset[str]
    any_title: frozenset[str]
    triggers: frozenset[str]  # a word that may set the next aside, or a phrase's first word
    doing: frozenset[str]  # words of `after` that say more than "is" or "and"


@cache
def sets() -> _Sets:
    c = context()
    not_after_title = c.never | c.titles | c.honorifics | c.nicknames
    triggers = c.determiners | c.within | c.works | c.months | c.pets | c.royals
    triggers |= frozenset((*_things(), *_ON))
    return _Sets(
        not_after_title | c.places,
        not_after_title,
        c.before | c.calls,
        c.honorifics | c.titles | c.nicknames,
        triggers | frozenset(("from", "at", "to", *_SAINT, *_NAMING)),
        c.after - frozenset(WEAK),
    )


@cache
def _things() -> dict[str, list[tuple[str, ...]]]:
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in context().things:
        if phrase:
            index.setdefault(phrase[0], []).append(phrase)
    return index
