"""Cues: the words that may mean someone is in danger, and the words that cancel them.

A cue is a few words that must stand side by side ("chest pain"), or groups of them joined
by "..." that may stand a few words apart within one sentence ("slipped ... can't stand").
A cue is cancelled when one of its topic's `unless` words stands close to it in the same
sentence ("nearly died laughing", "a talk on falls"). Both are read by the same `Reader` as
the message, so "couldn't stand" in a message meets "can't stand" in a cue as
"can not stand" does. Matching is a scan of the sentence for each cue's first word: cheap,
and the same every time.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.language.detection.reading import Reader
from bot.language.folding import normalise

GAP = "..."
# How many words may stand between two parts of a cue joined by "...".
MAX_GAP = 8
# How near (in words, before the cue's start or after its end) an `unless` word cancels it.
CANCEL_REACH = 10


@dataclass(frozen=True, slots=True)
class Concern:
    topic: str  # e.g. "falls"
    phrase: str  # the cue as written in prompts/safeguarding.yaml, to show the team why


@dataclass(frozen=True, slots=True)
class HelpLine:
    name: str  # "Samaritans", as the person reads it
    number: str  # "116 123"


Parts = tuple[tuple[str, ...], ...]  # the base-form words of each part of a cue


@dataclass(frozen=True, slots=True)
class Cue:
    concern: Concern
    parts: Parts
    unless: tuple[Parts, ...]  # the topic's cancelling words, and the cue's own


@dataclass(frozen=True, slots=True)
class Topic:
    name: str
    cues: tuple[Cue, ...]
    help: tuple[HelpLine, ...] = ()


def parse(reader: Reader, text: str) -> Parts:
    """A cue as written ("slipped ... can't stand") as the base-form words of each part."""
    parts = []
    for piece in text.replace("\u2026", GAP).split(GAP):
        words = tuple(reader.sentence(normalise(piece).split()))
        if words:
            parts.append(words)
    return tuple(parts)


def find(
    parts: Parts, bases: Sequence[str], starts: Iterable[int] | None = None
) -> tuple[int, int] | None:
    """Where `parts` first stands in `bases` (trying only `starts`, if given): (first, end)."""
    first = parts[0]
    size = len(first)
    for i in range(len(bases) - size + 1) if starts is None else starts:
        if tuple(bases[i : i + size]) != first:
            continue
        end = _rest(parts[1:], bases, i + size)
        if end is not None:
            return i, end
    return None


def _rest(parts: Parts, bases: Sequence[str], at: int) -> int | None:
    if not parts:
        return at
    part = parts[0]
    for i in range(at, min(at + MAX_GAP, len(bases) - len(part)) + 1):
        if tuple(bases[i : i + len(part)]) == part:
            end = _rest(parts[1:], bases, i + len(part))
            if end is not None:
                return end
    return None


def matches(cue: Cue, bases: Sequence[str], starts: Sequence[int]) -> bool:
    """`cue` stands in the sentence (at one of `starts`, where its first word is) somewhere
    that none of its cancelling words is near."""
    for begin in starts:
        found = find(cue.parts, bases, (begin,))
        if found is None:
            continue
        end = found[1]
        window = bases[max(0, begin - CANCEL_REACH) : end + CANCEL_REACH]
        near = set(window)
        if not any(unless[0][0] in near and find(unless, window) for unless in cue.unless):
            return True
    return False
