"""What each button asks for, typed. bot.core.buttons.codec turns them into button data (at
most 64 bytes) and back; bot.conversation.buttons sends each to the flow that answers it.

Every id and turn in a button is checked against the database and the dialogue state when
pressed: a button is a request, never a fact.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, TypeAlias

from bot.core.buttons import kinds_did as d
from bot.core.buttons import kinds_themes as t
from bot.core.buttons.kinds_care import (
    CareCalled as CareCalled,
)
from bot.core.buttons.kinds_care import (
    CareContact as CareContact,
)
from bot.core.buttons.kinds_care import (
    CareEnd as CareEnd,
)
from bot.core.buttons.kinds_care import (
    CareSafe as CareSafe,
)
from bot.core.buttons.kinds_care import (
    CareWrite as CareWrite,
)
from bot.core.buttons.kinds_care import (
    Listen as Listen,
)
from bot.core.buttons.kinds_care import (
    SendTo as SendTo,
)
from bot.core.buttons.kinds_care import (
    VoiceHeard as VoiceHeard,
)
from bot.core.buttons.kinds_notes import NoteDetails as NoteDetails
from bot.core.buttons.kinds_notes import NoteTag as NoteTag
from storage.models import Outcome

YesNo = Literal["yes", "no"]
Day = Literal["today", "yesterday", "other"]
Band = Literal["a", "b", "c", "d"]  # a headcount band (relay's BANDS)
Mood = Literal["good", "ok", "bad"]
InviteRole = Literal["participant", "volunteer"]
ReportRange = Literal["last_month", "last_quarter", "dates"]

# --- joining, questions, comments and privacy ---------------------------------------------


@dataclass(frozen=True, slots=True)
class Join:
    choice: Literal["yes", "more", "no"]
    code: str  # the invite code, checked again when pressed


@dataclass(frozen=True, slots=True)
class SkipQuestion:
    project_id: int
    index: int  # an older question's Skip is stale


@dataclass(frozen=True, slots=True)
class PickProject:
    project_id: int  # where waiting comments are filed


@dataclass(frozen=True, slots=True)
class SkipProgrammeQuestion:
    question_id: int


@dataclass(frozen=True, slots=True)
class Forget:
    choice: YesNo


@dataclass(frozen=True, slots=True)
class OptOut:
    choice: YesNo  # after "stop" in plain words


# --- check-ins: <membership id>:<turn>, so an older check-in's buttons are stale ---------


@dataclass(frozen=True, slots=True)
class CheckinMood:
    membership_id: int
    turn: int
    mood: Mood


@dataclass(frozen=True, slots=True)
class CheckinSnooze:
    membership_id: int
    turn: int


@dataclass(frozen=True, slots=True)
class CheckinAway:
    membership_id: int
    turn: int


@dataclass(frozen=True, slots=True)
class CheckinAwayFor:
    membership_id: int
    turn: int
    weeks: int


@dataclass(frozen=True, slots=True)
class CheckinDone:
    membership_id: int
    turn: int


# --- volunteers noting a group: project, place, when, headcount, then the notes ----------


@dataclass(frozen=True, slots=True)
class NoteProject:
    project_id: int


@dataclass(frozen=True, slots=True)
class NotePlace:
    index: int  # into the recent places kept in the dialogue state


@dataclass(frozen=True, slots=True)
class NoteWhen:
    day: Day


@dataclass(frozen=True, slots=True)
class NoteCount:
    band: Band


@dataclass(frozen=True, slots=True)
class NoteOnePerson:
    session_id: int


@dataclass(frozen=True, slots=True)
class NoteUndo:
    session_id: int


@dataclass(frozen=True, slots=True)
class NoteDone:
    session_id: int


@dataclass(frozen=True, slots=True)
class NoteAddMore:
    session_id: int  # one of today's closed sessions


# --- staff answering suggestions ("you said, we did") ------------------------------------


@dataclass(frozen=True, slots=True)
class ReplyTick:
    comment_id: int


@dataclass(frozen=True, slots=True)
class ReplyGo:
    pass


@dataclass(frozen=True, slots=True)
class ReplyNotNeeded:
    """The ticked comments need no reply ("thanks for the lovely morning")."""


@dataclass(frozen=True, slots=True)
class ReplyNextPage:
    page: int


@dataclass(frozen=True, slots=True)
class ReplyUpdate:
    pass


@dataclass(frozen=True, slots=True)
class ReplyUpdatePick:
    response_id: int


@dataclass(frozen=True, slots=True)
class ReplyOutcome:
    outcome: Outcome


@dataclass(frozen=True, slots=True)
class ReplySend:
    pass


@dataclass(frozen=True, slots=True)
class ReplyCancel:
    pass


# --- what staff and the programme team ask for ------------------------------------------


@dataclass(frozen=True, slots=True)
class Invite:
    role: InviteRole
    project_id: int


@dataclass(frozen=True, slots=True)
class MarkReviewed:
    comment_id: int  # a flagged message staff have looked at


@dataclass(frozen=True, slots=True)
class Report:
    range_name: ReportRange


@dataclass(frozen=True, slots=True)
class Export:
    range_name: str


ButtonData: TypeAlias = (
    Join | SkipQuestion | PickProject | SkipProgrammeQuestion | Forget | OptOut
    | CheckinMood | CheckinSnooze | CheckinAway | CheckinAwayFor | CheckinDone
    | NoteProject | NotePlace | NoteWhen | NoteCount | NoteTag | NoteDetails
    | NoteOnePerson | NoteUndo | NoteDone | NoteAddMore
    | ReplyTick | ReplyGo | ReplyNotNeeded | ReplyNextPage | ReplyUpdate | ReplyUpdatePick
    | ReplyOutcome | ReplySend | ReplyCancel
    | Invite | MarkReviewed | CareSafe | CareContact | CareWrite | CareEnd
    | CareCalled | Report | Export | VoiceHeard | Listen | SendTo
    | t.ThemeNext | t.ThemeRight | t.ThemeSet | t.ThemeNeedsReply | t.ReplyThemes | t.ReplyTheme
    | d.DidProject | d.DidPlace | d.DidOutcome | d.DidSave | d.DidChange | d.DidChangePart
    | d.DidCancel
)  # fmt: skip
