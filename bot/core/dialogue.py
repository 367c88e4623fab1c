"""Dialogue state, typed: one dataclass per step, read from and written to the JSON the
`dialogues` table already holds, so a restart or a second worker carries on where they were.

The states live here, beside the steps, because some flows look at another's state (a check-in
never tramples a conversation in progress; /forget puts the previous one back). Each flow owns
what its state means; bot.conversation routes a typed message to the flow that owns its step.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date, datetime
from enum import StrEnum
from typing import ClassVar, TypeAlias

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.dialogue_did import RecordingDid as RecordingDid
from bot.core.dialogue_staff import TypingEmail as TypingEmail
from bot.core.dialogue_staff import WaitingForDates as WaitingForDates
from bot.core.dialogue_staff import WritingQuestion as WritingQuestion
from bot.core.dialogue_staff import WritingReviewNote as WritingReviewNote
from bot.core.json_fields import (
    Json,
    flag_at,
    int_at,
    ints_at,
    optional_int_at,
    optional_str_at,
    str_at,
    strs_at,
)
from bot.core.steps import CheckinStage, NoteStage, ReplyStage, Step
from bot.core.talking import TalkingWithTeam as TalkingWithTeam
from bot.core.talking import WritingToPerson as WritingToPerson
from storage.models import Kind, Outcome
from storage.repositories import dialogues


@dataclass(frozen=True, slots=True)
class ChoosingProject:
    """Comments from a member of several projects, waiting until they say which one."""

    step: ClassVar[Step] = Step.CHOOSE_PROJECT
    pending: tuple[int, ...] = ()

    @classmethod
    def read(cls, data: Json) -> ChoosingProject:
        return cls(ints_at(data, "pending"))


@dataclass(frozen=True, slots=True)
class AnsweringQuestions:
    step: ClassVar[Step] = Step.QUESTIONS
    project_id: int
    index: int  # the question being asked

    @classmethod
    def read(cls, data: Json) -> AnsweringQuestions:
        return cls(int_at(data, "project_id"), int_at(data, "index"))


@dataclass(frozen=True, slots=True)
class AnsweringProgramme:
    step: ClassVar[Step] = Step.COLLECTIVE
    question_id: int

    @classmethod
    def read(cls, data: Json) -> AnsweringProgramme:
        return cls(int_at(data, "question_id"))


@dataclass(frozen=True, slots=True)
class CheckingIn:
    """Their next message may answer the check-in sent `at`: its question, or "anything more"."""

    step: ClassVar[Step] = Step.CHECKIN
    membership_id: int
    turn: int
    question_key: str  # stored as the answer's question_key
    kind: Kind
    stage: CheckinStage
    at: datetime

    @classmethod
    def read(cls, data: Json) -> CheckingIn:
        return cls(
            int_at(data, "membership_id"), int_at(data, "turn"), str_at(data, "question_key"),
            Kind(str_at(data, "kind")), CheckinStage(str_at(data, "stage")),
            datetime.fromisoformat(str_at(data, "at")),
        )  # fmt: skip


@dataclass(frozen=True, slots=True)
class Noting:
    """A volunteer setting up a group session (where, when, how many), then noting what it said."""

    step: ClassVar[Step] = Step.NOTE
    stage: NoteStage
    project_id: int | None = None
    places: tuple[str, ...] = ()  # recent places, offered as buttons by index
    place: str | None = None
    held_on: date | None = None
    session_id: int | None = None  # the open session, once there is one
    reminded: bool = False  # told once to leave names out
    one_person: bool = False  # the next note is one person's words, not the group's
    early: tuple[str, ...] = ()  # notes typed before the note was open (bot.relay.early)
    early_ids: tuple[int, ...] = ()  # their message ids: a redelivered one is held once

    @classmethod
    def read(cls, data: Json) -> Noting:
        held_on = optional_str_at(data, "held_on")
        return cls(
            NoteStage(str_at(data, "stage")), optional_int_at(data, "project_id"),
            strs_at(data, "places"), optional_str_at(data, "place"),
            date.fromisoformat(held_on) if held_on is not None else None,
            optional_int_at(data, "session_id"), flag_at(data, "reminded"),
            flag_at(data, "one_person"), strs_at(data, "early"), ints_at(data, "early_ids"),
        )  # fmt: skip


@dataclass(frozen=True, slots=True)
class Replying:
    """Staff answering suggestions: what they ticked, what happened, and the words so far."""

    step: ClassVar[Step] = Step.REPLY
    stage: ReplyStage
    shown: tuple[int, ...] = ()  # the comments on the page they are looking at
    ticked: tuple[int, ...] = ()
    response_id: int | None = None  # a reply being updated
    outcome: Outcome | None = None
    reason: str | None = None
    text: str | None = None

    @classmethod
    def read(cls, data: Json) -> Replying:
        outcome = optional_str_at(data, "outcome")
        return cls(
            ReplyStage(str_at(data, "stage")), ints_at(data, "shown"), ints_at(data, "ticked"),
            optional_int_at(data, "response_id"), Outcome(outcome) if outcome else None,
            optional_str_at(data, "reason"), optional_str_at(data, "text"),
        )  # fmt: skip


@dataclass(frozen=True, slots=True)
class ConfirmingForget:
    step: ClassVar[Step] = Step.CONFIRM_FORGET
    previous: Dialogue | None = None  # where they were, so "No, keep it" puts them back

    @classmethod
    def read(cls, data: Json) -> ConfirmingForget:
        return cls(from_json(data.get("previous")))


@dataclass(frozen=True, slots=True)
class ConfirmingStop:
    """ "Stop" in plain words was asked about once; a typed "yes" answers it like the button."""

    step: ClassVar[Step] = Step.CONFIRM_STOP
    previous: Dialogue | None = None  # put back whatever they answer

    @classmethod
    def read(cls, data: Json) -> ConfirmingStop:
        return cls(from_json(data.get("previous")))


@dataclass(frozen=True, slots=True)
class CorrectingVoice:
    """A voice note read back wrong: what they type next is its words, then back to `previous`."""

    step: ClassVar[Step] = Step.CORRECT_VOICE
    comment_id: int
    previous: Dialogue | None = None

    @classmethod
    def read(cls, data: Json) -> CorrectingVoice:
        return cls(int_at(data, "comment_id"), from_json(data.get("previous")))


Dialogue: TypeAlias = (
    ChoosingProject | AnsweringQuestions | AnsweringProgramme | CheckingIn | Noting | Replying
    | WritingReviewNote | WaitingForDates | WritingQuestion | ConfirmingForget | CorrectingVoice
    | WritingToPerson | TalkingWithTeam | TypingEmail | ConfirmingStop | RecordingDid
)  # fmt: skip
_STATES: tuple[type[Dialogue], ...] = (
    ChoosingProject, AnsweringQuestions, AnsweringProgramme, CheckingIn, Noting, Replying,
    WritingReviewNote, WaitingForDates, WritingQuestion, ConfirmingForget, CorrectingVoice,
    WritingToPerson, TalkingWithTeam, TypingEmail, ConfirmingStop, RecordingDid,
)  # fmt: skip
_BY_STEP: dict[Step, type[Dialogue]] = {state.step: state for state in _STATES}


def from_json(data: object) -> Dialogue | None:
    """The state stored as JSON; None for no step, and for one this code cannot read (an old
    shape, or garbled): the person is then simply not mid-conversation, never stuck."""
    if not isinstance(data, Mapping) or not data:
        return None
    try:
        return _BY_STEP[Step(str_at(data, "step"))].read(data)
    except (KeyError, ValueError, TypeError):
        return None


def step_of(data: object) -> Step | None:
    """The step stored JSON names, even when the rest of it cannot be read (for /mydata)."""
    found = data.get("step") if isinstance(data, Mapping) else None
    return Step(found) if isinstance(found, str) and found in _STEP_VALUES else None


_STEP_VALUES = frozenset(step.value for step in Step)


def to_json(state: Dialogue | None) -> dict[str, object]:
    """The JSON to store: the step, then every field that is set (None, False and () are left
    out: each reads back as itself)."""
    if state is None:
        return {}
    stored: dict[str, object] = {"step": state.step.value}
    for field in fields(state):
        value = getattr(state, field.name)
        if value is not None and value is not False and value != ():
            stored[field.name] = _plain(value)
    return stored


def _plain(value: object) -> object:
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, date):  # and datetime
        return value.isoformat()
    if isinstance(value, _STATES):
        return to_json(value)
    return value


async def load(session: AsyncSession, person_id: int) -> Dialogue | None:
    return from_json(await dialogues.load_state(session, person_id))


async def save(
    session: AsyncSession, person_id: int, state: Dialogue | None, now: datetime
) -> None:
    """Store where they are now; None: no step (they are not in the middle of anything)."""
    await dialogues.save_state(session, person_id, to_json(state), now)
