"""The buttons of /did, staff noting what the team heard and did (bot.core.buttons.kinds holds
the rest): which project, a recent place, what happened, and the read-back's Save, Change and
Cancel (every question of it has Cancel)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from storage.models import Outcome

DidPart = Literal["where", "said", "did"]  # an answer to change from the read-back


@dataclass(frozen=True, slots=True)
class DidProject:
    project_id: int


@dataclass(frozen=True, slots=True)
class DidPlace:
    index: int  # into the recent places kept in the dialogue state


@dataclass(frozen=True, slots=True)
class DidOutcome:
    outcome: Outcome


@dataclass(frozen=True, slots=True)
class DidSave:
    pass


@dataclass(frozen=True, slots=True)
class DidChange:
    """The read-back's Change: which answer to change."""


@dataclass(frozen=True, slots=True)
class DidChangePart:
    part: DidPart


@dataclass(frozen=True, slots=True)
class DidCancel:
    pass
