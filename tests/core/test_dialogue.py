"""Dialogue state as typed data: what is stored reads back the same, what was stored before
still reads, and anything else reads as no step (never a crash, never half a state)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from bot.core import CheckinStage, DidStage, NoteStage, ReplyStage, Step, dialogue
from storage.models import Kind, Outcome, Role
from storage.repositories import dialogues
from tests.support.harness import Harness
from tests.support.team import add_member

AT = datetime(2026, 11, 16, 10, tzinfo=UTC)
EVERY_STATE: list[dialogue.Dialogue] = [
    dialogue.ChoosingProject((3, 4)),
    dialogue.AnsweringQuestions(1, 2),
    dialogue.AnsweringProgramme(7),
    dialogue.CheckingIn(5, 0, "programme:7", Kind.OTHER, CheckinStage.MORE, AT),
    dialogue.Noting(NoteStage.WHERE, 1, ("Library", "Hall")),
    dialogue.Noting(NoteStage.COUNT, 1, (), "Hall", date(2026, 11, 2)),
    dialogue.Noting(NoteStage.COMMENTS, session_id=9, reminded=True, one_person=True),
    dialogue.Replying(ReplyStage.CONFIRM, (1, 2), (2,), 4, Outcome.CANNOT, "Booked", "No room"),
    dialogue.WritingReviewNote(11),
    dialogue.WaitingForDates(1),
    dialogue.WritingQuestion(),
    dialogue.ConfirmingForget(dialogue.AnsweringQuestions(1, 2)),
    dialogue.ConfirmingForget(None),
    dialogue.ConfirmingStop(dialogue.AnsweringQuestions(1, 2)),
    dialogue.ConfirmingStop(None),
    dialogue.CorrectingVoice(12, dialogue.AnsweringQuestions(1, 2)),
    dialogue.CorrectingVoice(13),
    dialogue.WritingToPerson(11, AT),
    dialogue.TalkingWithTeam(11, AT, dialogue.AnsweringQuestions(1, 2)),
    dialogue.TalkingWithTeam(11, AT),
    dialogue.TypingEmail(2),
    dialogue.RecordingDid(DidStage.WHERE, 1, ("Library", "Hall")),
    dialogue.RecordingDid(
        DidStage.CONFIRM, 1, (), "Hall", "The urn is slow", 17, Outcome.CANNOT, "It's theirs", True
    ),
]


@pytest.mark.parametrize("state", EVERY_STATE, ids=lambda s: type(s).__name__)
def test_every_state_reads_back_as_written(state: dialogue.Dialogue) -> None:
    stored = dialogue.to_json(state)
    assert stored["step"] == state.step.value
    assert dialogue.from_json(stored) == state


def test_every_step_has_a_state() -> None:
    assert {type(s).step for s in EVERY_STATE} == set(Step)


# Shapes written by the code before the states were typed (bot/*/ at f737895).
BEFORE: list[tuple[dict[str, Any], dialogue.Dialogue]] = [
    ({"step": "choose_project", "pending": [5, 6]}, dialogue.ChoosingProject((5, 6))),
    ({"step": "questions", "project_id": 1, "index": 2}, dialogue.AnsweringQuestions(1, 2)),
    ({"step": "collective", "question_id": 3}, dialogue.AnsweringProgramme(3)),
    (
        {
            "step": "checkin",
            "membership_id": 5,
            "turn": 0,
            "question_key": "enjoyed",
            "kind": "liked",
            "stage": "asked",
            "at": AT.isoformat(),
        },
        dialogue.CheckingIn(5, 0, "enjoyed", Kind.LIKED, CheckinStage.ASKED, AT),
    ),
    ({"step": "note", "stage": "project"}, dialogue.Noting(NoteStage.PROJECT)),
    (
        {
            "step": "note",
            "stage": "count",
            "project_id": 1,
            "places": [],
            "place": "Hall",
            "held_on": "2026-11-02",
        },
        dialogue.Noting(NoteStage.COUNT, 1, (), "Hall", date(2026, 11, 2)),
    ),
    (
        {"step": "note", "stage": "comments", "session_id": 9, "reminded": True},
        dialogue.Noting(NoteStage.COMMENTS, session_id=9, reminded=True),
    ),
    (
        {
            "step": "reply",
            "stage": "text",
            "page": 0,
            "shown": [1, 2],
            "ticked": [2],
            "outcome": "looking",
        },
        dialogue.Replying(ReplyStage.TEXT, (1, 2), (2,), outcome=Outcome.LOOKING),
    ),
    ({"step": "review_note", "comment_id": 4}, dialogue.WritingReviewNote(4)),
    ({"step": "report_dates", "tries": 0}, dialogue.WaitingForDates(0)),
    ({"step": "ask"}, dialogue.WritingQuestion()),
    (
        {"step": "confirm_forget", "previous": {"step": "questions", "project_id": 1, "index": 0}},
        dialogue.ConfirmingForget(dialogue.AnsweringQuestions(1, 0)),
    ),
    ({"step": "confirm_forget", "previous": {}}, dialogue.ConfirmingForget(None)),
]


@pytest.mark.parametrize(("stored", "state"), BEFORE, ids=[str(s["step"]) for s, _ in BEFORE])
def test_what_was_stored_before_still_reads(stored: dict[str, Any], state: object) -> None:
    assert dialogue.from_json(stored) == state


@pytest.mark.parametrize(
    "stored",
    [
        None,
        {},
        [],
        "questions",
        {"stage": "comments"},  # no step
        {"step": "somewhere_new"},  # a step this code does not know
        {"step": 3},
        {"step": "questions", "index": 1},  # a key missing
        {"step": "questions", "project_id": "1", "index": 1},  # a number as text
        {"step": "questions", "project_id": True, "index": 1},  # a bool is not a number
        {
            "step": "checkin",
            "membership_id": 5,
            "turn": 0,
            "question_key": "q",
            "kind": "x",
            "stage": "asked",
            "at": AT.isoformat(),
        },
        {
            "step": "checkin",
            "membership_id": 5,
            "turn": 0,
            "question_key": "q",
            "kind": "other",
            "stage": "asked",
            "at": "yesterday",
        },
        {"step": "note", "stage": "nowhere"},
        {"step": "note", "stage": "count", "held_on": "2026-13-40"},
        {"step": "note", "stage": "where", "places": "Hall"},  # not a list
        {"step": "note", "stage": "where", "places": [1]},
        {"step": "note", "stage": "comments", "reminded": "yes"},
        {"step": "reply", "stage": "pick", "shown": [1, None]},
        {"step": "reply", "stage": "outcome", "outcome": "maybe"},
    ],
)
def test_anything_else_reads_as_no_step(stored: object) -> None:
    assert dialogue.from_json(stored) is None


def test_a_garbled_previous_state_is_forgotten_not_the_question() -> None:
    stored = {"step": "confirm_forget", "previous": {"step": "questions"}}
    assert dialogue.from_json(stored) == dialogue.ConfirmingForget(None)


def test_unset_fields_are_left_out() -> None:
    assert dialogue.to_json(dialogue.Noting(NoteStage.PROJECT)) == {
        "step": "note",
        "stage": "project",
    }
    assert dialogue.from_json({"step": "note", "stage": "project"}) == dialogue.Noting(
        NoteStage.PROJECT
    )
    assert dialogue.to_json(None) == {}


def test_the_step_of_a_state_that_cannot_be_read() -> None:
    assert dialogue.step_of({"step": "note", "session_id": 1}) is Step.NOTE
    assert dialogue.step_of({"step": "elsewhere"}) is None
    assert dialogue.step_of({}) is None


async def test_garbled_state_in_the_database_is_no_step(harness: Harness) -> None:
    """A person whose stored state cannot be read is simply not mid-conversation."""
    person_id = await add_member(harness.db, 8800, None, Role.PROGRAMME, AT, "G8")
    async with harness.db.transaction() as session:
        await dialogues.save_state(session, person_id, {"step": "note", "stage": 7}, AT)
    async with harness.db.transaction() as session:
        assert await dialogue.load(session, person_id) is None
        await dialogue.save(session, person_id, dialogue.WaitingForDates(1), AT)
    async with harness.db.transaction() as session:
        assert await dialogue.load(session, person_id) == dialogue.WaitingForDates(1)
        assert await dialogues.load_state(session, person_id) == {
            "step": "report_dates",
            "tries": 1,
        }
