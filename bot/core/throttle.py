"""How often one person is answered, so one person cannot slow everyone down.

Every message is still stored and screened: only the answers are spared. Past about 20
messages a minute a member is told once "I've got all of these" and then nothing until they
slow down; someone who is not a member hears at most one answer a minute; help for someone
in danger is given once for a burst of worrying messages about one thing (a fall, then a
scam: help for each), and again once they have answered it, never held back otherwise.
The counts live in the process (each webhook worker keeps its own).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import Enum

WINDOW = timedelta(minutes=1)
MEMBER_PER_WINDOW = 20
STRANGER_PER_WINDOW = 1
HELP_AGAIN_AFTER = timedelta(minutes=1)
_PRUNE_EVERY = 1000  # messages between sweeps of people who have gone quiet


class Answer(Enum):
    AS_USUAL = "as usual"
    ONCE_FOR_ALL = "once for all"  # "I've got all of these, thank you"
    NOTHING = "nothing"


@dataclass
class Throttle:
    member_per_window: int = MEMBER_PER_WINDOW
    stranger_per_window: int = STRANGER_PER_WINDOW
    _seen: dict[int, deque[datetime]] = field(default_factory=dict)
    _told: set[int] = field(default_factory=set)  # told "got all of these" in this burst
    _helped: dict[tuple[int, str], datetime] = field(default_factory=dict)  # (who, topic)
    _since_prune: int = 0

    def answer(self, who: int, now: datetime, *, member: bool) -> Answer:
        """Count a message from `who` and say how to answer it."""
        recent = self._recent(who, now)
        recent.append(now)
        self._prune(now)
        limit = self.member_per_window if member else self.stranger_per_window
        if len(recent) <= limit:
            self._told.discard(who)
            return Answer.AS_USUAL
        if not member or who in self._told:
            return Answer.NOTHING
        self._told.add(who)
        return Answer.ONCE_FOR_ALL

    def first_help(self, who: int, topic: str, now: datetime) -> bool:
        """True unless help for `topic` went to them moments ago (a burst gets one help
        reply); help for something else is other help, and is never held back."""
        last = self._helped.get((who, topic))
        if last is not None and now - last < HELP_AGAIN_AFTER:
            return False
        self._helped[who, topic] = now
        return True

    def helped_answered(self, who: int) -> None:
        """They answered the help ("I'm safe", "Please contact me"): what they send next is
        news, so it is answered as the first."""
        self._helped = {k: t for k, t in self._helped.items() if k[0] != who}

    def _recent(self, who: int, now: datetime) -> deque[datetime]:
        recent = self._seen.setdefault(who, deque())
        while recent and now - recent[0] >= WINDOW:
            recent.popleft()
        return recent

    def _prune(self, now: datetime) -> None:
        self._since_prune += 1
        if self._since_prune < _PRUNE_EVERY:
            return
        self._since_prune = 0
        self._seen = {w: q for w, q in self._seen.items() if q and now - q[-1] < WINDOW}
        self._told &= set(self._seen)
        self._helped = {k: t for k, t in self._helped.items() if now - t < HELP_AGAIN_AFTER}


WRONG_WORDS_PER_HOUR = 5
_SWEEP_ABOVE = 10_000


@dataclass
class WordTries:
    """Wrong join words per chat: at most 5 an hour, so words cannot be guessed by trying."""

    per_hour: int = WRONG_WORDS_PER_HOUR
    _wrong: dict[int, deque[datetime]] = field(default_factory=dict)

    def may_try(self, who: int, now: datetime) -> bool:
        wrong = self._wrong.get(who)
        while wrong and now - wrong[0] >= timedelta(hours=1):
            wrong.popleft()
        if wrong is not None and not wrong:
            del self._wrong[who]
        return wrong is None or len(wrong) < self.per_hour

    def wrong(self, who: int, now: datetime) -> None:
        self._wrong.setdefault(who, deque()).append(now)
        if len(self._wrong) > _SWEEP_ABOVE:  # chats that tried once and went away
            hour = timedelta(hours=1)
            self._wrong = {w: q for w, q in self._wrong.items() if now - q[-1] < hour}
