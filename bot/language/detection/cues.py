"""Cues: the words that may mean someone is in danger, and the words that cancel them.

A cue is a few words that must stand side by side ("chest pain"), or groups of them joined
by "..." that may stand a few words apart within one sentence ("slipped ... can't stand").
A cue is cancelled when one of its topic's `unless` words stands close to it in the same
sentence ("nearly died laughing", "a talk on falls"). Both are read by the same `Reader` as
the message, so "couldn't stand" in a message meets "can't stand" in a cue as
"can not stand" does. A word written "<tablets>" stands for any word of that group
(`groups:` in the file). Matching looks only where a cue's first word is: cheap, and the
same every time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from bot.language.detection.reading import Reader, words_of

GAP = "..."
GROUP = re.compile(r"<([a-z_]+)>")
# How many words may stand between two parts of a cue joined by "...".
MAX_GAP = 8
# How near (in words, before the cue's start or after its end) an `unless` word cancels it.
CANCEL_REACH = 10
# How far before a cue a `negations:` word cancels it, past `_BETWEEN` words ("not had a fit").
NEGATION_REACH = 3


@dataclass(frozen=True, slots=True)
class Concern:
    topic: str  # e.g. "falls"
    phrase: str  # the cue as written in prompts/safeguarding.yaml, to show the team why


@dataclass(frozen=True, slots=True)
class HelpLine:
    name: str  # "Samaritans", as the person reads it
    number: str  # "116 123"


Parts = tuple[tuple[str, ...], ...]  # the base-form words ("<group>"s) of each part of a cue
Views = Sequence[frozenset[str]]  # each word of a sentence: its base form and its groups
Where = Mapping[str, Sequence[int]]  # each base form or "<group>" said: where, in order


@dataclass(frozen=True, slots=True)
class Cue:
    concern: Concern
    parts: Parts
    unless: tuple[Parts, ...]  # the topic's cancelling words, and the cue's own
    # The same by first word, each with every word it needs: only those whose first word is
    # near are looked for, and only when all their words are near.
    unless_by_first: Mapping[str, tuple[tuple[Parts, frozenset[str]], ...]] = field(
        default_factory=dict, compare=False
    )

    @classmethod
    def of(cls, concern: Concern, parts: Parts, unless: tuple[Parts, ...]) -> Cue:
        by_first: dict[str, list[tuple[Parts, frozenset[str]]]] = {}
        for words in unless:
            by_first.setdefault(words[0][0], []).append(_with_needs(words))
        return cls(concern, parts, unless, {k: tuple(v) for k, v in by_first.items()})


@dataclass(frozen=True, slots=True)
class Topic:
    name: str
    cues: tuple[Cue, ...]
    help: tuple[HelpLine, ...] = ()


def parse(reader: Reader, text: str, groups: Mapping[str, object] | None = None) -> Parts:
    """A cue as written ("slipped ... can't stand") as the base-form words of each part."""
    parts = []
    for piece in text.replace("\u2026", GAP).split(GAP):
        words: list[str] = []
        for n, segment in enumerate(GROUP.split(piece)):
            if n % 2:  # a <group>
                if segment not in (groups or {}):
                    raise KeyError(segment)
                words.append(f"<{segment}>")
            else:
                words.extend(reader.sentence(words_of(segment)))
        if words:
            parts.append(tuple(words))
    return tuple(parts)


def needs(parts: Parts) -> frozenset[str]:
    """Every word (or "<group>") `parts` has: it cannot stand where one of them is not said."""
    return frozenset(w for part in parts for w in part)


@lru_cache(maxsize=1 << 14)
def _with_needs(parts: Parts) -> tuple[Parts, frozenset[str]]:
    """`parts` and its `needs`, one pair for all cues: most share their topic's cancelling
    words, and a pair each would cost memory and start-up time for nothing."""
    return parts, needs(parts)


def positions(views: Views) -> dict[str, list[int]]:
    """Where each base form and "<group>" of a sentence stands, first to last."""
    where: dict[str, list[int]] = {}
    for i, view in enumerate(views):
        for token in view:
            where.setdefault(token, []).append(i)
    return where


def find(parts: Parts, views: Views, starts: Iterable[int] | None = None) -> tuple[int, int] | None:
    """Where `parts` first stands in `views` (trying only `starts`, if given): (first, end)."""
    first = parts[0]
    size, lead = len(first), first[0]
    for i in range(len(views) - size + 1) if starts is None else starts:
        if lead not in views[i] or (size > 1 and not _here(first, views, i)):
            continue
        end = _rest(parts[1:], views, i + size)
        if end is not None:
            return i, end
    return None


def _here(part: tuple[str, ...], views: Views, at: int) -> bool:
    return at + len(part) <= len(views) and all(
        word in views[at + k] for k, word in enumerate(part)
    )


def _rest(parts: Parts, views: Views, at: int) -> int | None:
    if not parts:
        return at
    part = parts[0]
    lead = part[0]
    for i in range(at, min(at + MAX_GAP, len(views) - len(part)) + 1):
        if lead in views[i] and _here(part, views, i):
            end = _rest(parts[1:], views, i + len(part))
            if end is not None:
                return end
    return None


def negated(
    views: Views, begin: int, negations: frozenset[str], unable_counts: bool = False
) -> bool:
    """A negation just before `begin` ("have not fallen", "never sent"). Being unable ("can
    not get myself up", "will not stop") is the worry itself, so it counts only if asked
    (it does undo being well again: "can not get back on my feet")."""
    k = begin - 1
    while k >= 0 and begin - k <= NEGATION_REACH and _BETWEEN & views[k]:
        k -= 1
    if k < 0 or negations.isdisjoint(views[k]):
        return False
    being = k + 1 < len(views) and "be" in views[k + 1]  # "will not be alone" denies, too
    return unable_counts or being or not (k and _UNABLE & views[k - 1])


_UNABLE = frozenset({"can", "will"})
# A cue starting with one of these means something missing: a negation is its sense, not
# its undoing ("do not get any visitors", "have not seen anybody").
_NEEDS_NO = frozenset({"any", "anyone", "anybody", "anything", "<nobody>"})
# Words that may stand between a negation and what it denies ("not [had] a fit").
_BETWEEN = frozenset({"have", "be", "get", "really", "even", "ever", "too", "actually"})


def matches(
    cue: Cue,
    views: Views,
    starts: Sequence[int],
    negations: frozenset[str] = frozenset(),
    where: Where | None = None,
) -> bool:
    """`cue` stands in the sentence (at one of `starts`, where its first word is) somewhere
    that none of its cancelling words is near, and no negation stands just before it.
    `where` (`positions(views)`), if given, spares scanning for the cancelling words."""
    for begin in starts:
        found = find(cue.parts, views, (begin,))
        if found is None:
            continue
        if (
            negations.isdisjoint(views[begin])
            and _NEEDS_NO.isdisjoint(views[begin])
            and negated(views, begin, negations)
        ):
            continue
        low = max(0, begin - CANCEL_REACH)
        window = views[low : found[1] + CANCEL_REACH]
        high = low + len(window)
        near = set().union(*window)
        cancelling = (
            u for token in near for u, words in cue.unless_by_first.get(token, ()) if words <= near
        )
        at = (begin - low, found[1] - low)
        if not any(
            _cancels(u, window, negations, at, _within(where, u[0][0], low, high))
            for u in cancelling
        ):
            return True
    return False


def _within(where: Where | None, token: str, low: int, high: int) -> list[int] | None:
    """Where `token` stands from `low` up to `high`, counted from `low` (None: not known, so
    `find` scans the whole window)."""
    if where is None:
        return None
    return [i - low for i in where[token] if low <= i < high]


def _cancels(
    unless: Parts,
    window: Views,
    negations: frozenset[str],
    cue: tuple[int, int],
    starts: Iterable[int] | None = None,
) -> bool:
    """`unless` stands in `window` (where the cue stands at `cue`, and its first word at
    `starts`, if known), is not itself denied ("not joking"; a negation that is the cue's own,
    "do not wake up till ten", does not count), and is not cut off by a "but" before the cue
    ("the talk was good but now my son ...")."""
    found = find(unless, window, starts)
    if found is None:
        return False
    start, end = found
    if end <= cue[0] and any("but" in view for view in window[end : cue[0]]):
        return False
    if not negations.isdisjoint(window[start]) or start <= cue[1]:
        return True
    return not negated(window, start, negations, unable_counts=True)
