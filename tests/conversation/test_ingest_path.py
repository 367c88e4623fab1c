"""The participant's message path (benchmarks/ingest.py): what it costs, and that it is still right.

A plain comment is one SELECT (person, state, projects, programme question) and one
INSERT ... ON CONFLICT DO NOTHING that is also the duplicate check. These tests pin that cost,
and the behaviour the cheaper path must keep: stored once, answered once, nobody's state lost.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import event, update

from bot.conversation import TURNS
from bot.conversation import messages as conversation
from bot.core import CheckinStage, DidStage, Incoming, NoteStage, ReplyStage, Step, dialogue
from storage.db import Database
from storage.models import (
    Comment,
    Dialogue,
    Kind,
    Person,
    ProgrammeQuestion,
    QuestionAsked,
)
from tests.support.harness import Harness, joined, texts
from tests.support.offline import Call
from tests.support.seed import seed_project

ANN = 7101


async def join(harness: Harness, code: str, user: int = ANN) -> list[Call]:
    calls = await harness.send(user, f"/start {code}")
    calls = await harness.press_button(user, calls, "Yes")
    while any(label == "Skip" for call in calls for label, _ in call.buttons):
        calls = await harness.press_button(user, calls, "Skip")
    return calls


@contextmanager
def statements(db: Database) -> Iterator[list[str]]:
    """The SQL statements sent while the block runs (BEGIN left out: the engine adds it)."""
    seen: list[str] = []

    def before(_conn: Any, _cursor: Any, sql: str, *_args: Any) -> None:
        if not sql.startswith("BEGIN"):
            seen.append(" ".join(sql.split())[:60])

    event.listen(db.engine.sync_engine, "before_cursor_execute", before)
    try:
        yield seen
    finally:
        event.remove(db.engine.sync_engine, "before_cursor_execute", before)


async def set_person(harness: Harness, **values: Any) -> None:
    async with harness.db.transaction() as session:
        await session.execute(update(Person).where(Person.telegram_id == ANN).values(**values))


async def person(harness: Harness) -> Person:
    (found,) = await harness.rows(Person, Person.telegram_id == ANN)
    assert isinstance(found, Person)
    return found


async def test_a_plain_comment_costs_one_select_and_one_insert(
    harness: Harness, invite_code: str
) -> None:
    await join(harness, invite_code)
    with statements(harness.db) as seen:
        reply = await harness.send(ANN, "The tea was lovely")
    assert "passed that on" in joined(reply)
    assert [s.split()[0] for s in seen] == ["SELECT", "INSERT"], seen
    assert await harness.count(Comment) == 1


async def test_a_redelivered_comment_is_stored_once_and_answered_once(
    harness: Harness, invite_code: str
) -> None:
    await join(harness, invite_code)
    first = await harness.send(ANN, "The tea was lovely", message_id=90)
    await set_person(harness, checkins_unanswered=2)
    with statements(harness.db) as seen:
        again = await harness.send(ANN, "The tea was lovely", message_id=90)
    assert "passed that on" in joined(first) and texts(again) == []
    assert await harness.count(Comment) == 1
    # As before: a redelivered update changes nothing, not even the check-in back-off.
    assert (await person(harness)).checkins_unanswered == 2
    assert len(seen) == 2, seen


async def test_a_new_comment_resets_the_checkin_back_off_and_reachability(
    harness: Harness, invite_code: str
) -> None:
    await join(harness, invite_code)
    await set_person(harness, checkins_unanswered=2, unreachable=True)
    assert "passed that on" in joined(await harness.send(ANN, "Back again"))
    found = await person(harness)
    assert found.checkins_unanswered == 0 and found.unreachable is False


async def test_a_redelivered_message_still_marks_them_reachable(
    harness: Harness, invite_code: str
) -> None:
    await join(harness, invite_code)
    await harness.send(ANN, "Hello", message_id=91)
    await set_person(harness, unreachable=True)
    assert texts(await harness.send(ANN, "Hello", message_id=91)) == []
    assert (await person(harness)).unreachable is False


async def test_a_redelivered_comment_to_two_projects_is_pending_once(harness: Harness) -> None:
    for slug, name in (("firth-park", "Firth Park"), ("walk", "Monday Walkers")):
        await join(harness, (await seed_project(harness.db, slug=slug, name=name)).participant_code)
    first = await harness.send(ANN, "The tea was cold", message_id=92)
    again = await harness.send(ANN, "The tea was cold", message_id=92)
    assert "Which group" in joined(first) and texts(again) == []
    (comment,) = await harness.rows(Comment)
    (dialogue,) = await harness.rows(Dialogue)
    assert comment.project_id is None
    assert dialogue.state == {"step": Step.CHOOSE_PROJECT, "pending": [comment.id]}


async def test_the_programme_question_is_read_fresh_for_every_message(
    harness: Harness, invite_code: str
) -> None:
    await join(harness, invite_code)
    assert "programme" not in joined(await harness.send(ANN, "Nothing to add")).lower()
    async with harness.db.transaction() as session:
        session.add(
            ProgrammeQuestion(text="What would make you come more often?", active=True,
                              created_at=datetime(2026, 11, 2, tzinfo=UTC))
        )  # fmt: skip
    asked = await harness.send(ANN, "The quiz was fun")
    assert "What would make you come more often?" in joined(asked)
    assert await harness.count(QuestionAsked) == 1
    skipped = await harness.press_button(ANN, asked, "Not now")
    assert texts(skipped)
    # Asked once only: the next comment is just thanked.
    assert "come more often" not in joined(await harness.send(ANN, "See you Tuesday"))
    assert await harness.count(QuestionAsked) == 1


# --- a message that sounds like danger: screened with what handling it loaded and kept ----

STAFF, VOLUNTEER = 7301, 7302
DANGER = "I can't cope any more"


async def with_staff(harness: Harness, slug: str = "firth-park", name: str = "Firth Park") -> str:
    """A project whose staff member gets alerts; its participant invite code."""
    seeded = await seed_project(harness.db, slug=slug, name=name)
    calls = await harness.send(STAFF, f"/start {seeded.staff_code}")
    await harness.press_button(STAFF, calls, "Yes")
    return seeded.participant_code


def reads_comments(seen: list[str]) -> list[str]:
    """Statements loading comment rows (not the duplicate check, which selects the id only)."""
    return [s for s in seen if s.startswith("SELECT comments.id, ")]


async def test_a_worrying_comment_is_not_read_back(harness: Harness) -> None:
    """Stored, then flagged by id: the project for the help, the pseudonym and the staff for
    the alert are all the screening reads."""
    await join(harness, await with_staff(harness))
    with statements(harness.db) as seen:
        reply = await harness.send(ANN, DANGER)
    assert "116 123" in joined(reply) and "passed that on" not in joined(reply)  # help alone
    assert [s.split()[0] for s in seen] == [
        "SELECT", "INSERT", "SELECT", "UPDATE", "SELECT", "SELECT", "INSERT"
    ], seen  # fmt: skip
    assert not reads_comments(seen)
    assert await harness.count(Comment, Comment.flagged.is_(True)) == 1


async def test_a_worrying_comment_for_two_projects_does_not_look_them_up_again(
    harness: Harness,
) -> None:
    """Waiting for them to say which project: the alert goes to their first project's staff,
    found from the person the message arrived with (once, not again by Telegram id)."""
    await join(harness, await with_staff(harness))
    await join(
        harness, (await seed_project(harness.db, slug="walk", name="Walkers")).participant_code
    )
    with statements(harness.db) as seen:
        reply = await harness.send(ANN, DANGER)
    # Help alone: kept in their first project (its staff are alerted), never left unfiled.
    assert "116 123" in joined(reply) and "Which group" not in joined(reply)
    assert len(seen) == 7, seen  # as for one project: no "which group?" to keep
    assert not reads_comments(seen)
    assert len([s for s in seen if "people.telegram_id = " in s]) <= 1, seen


async def test_a_worrying_note_is_screened_with_the_group_it_was_noted_in(
    harness: Harness,
) -> None:
    seeded = await seed_project(harness.db)
    for user, code in ((STAFF, seeded.staff_code), (VOLUNTEER, seeded.volunteer_code)):
        await harness.press_button(user, await harness.send(user, f"/start {code}"), "Yes")
    await harness.send(VOLUNTEER, "/note")
    calls = await harness.send(VOLUNTEER, "Firth Park library")
    calls = await harness.press_button(VOLUNTEER, calls, "Today")
    await harness.press_button(VOLUNTEER, calls, "1 to 5")
    with statements(harness.db) as seen:
        reply = await harness.send(VOLUNTEER, "One lady said she has no food at home")
    assert "told the team at Age UK Sheffield now" in joined(reply)
    assert not reads_comments(seen)
    assert not [s for s in seen if s.startswith(("SELECT projects", "SELECT group_sessions"))][1:]
    assert len(seen) == 11, seen


# One state for every step: a new step must be added here, and so decide which path it takes.
SAMPLES: dict[Step, dialogue.Dialogue] = {
    Step.CHOOSE_PROJECT: dialogue.ChoosingProject((1,)),
    Step.QUESTIONS: dialogue.AnsweringQuestions(1, 0),
    Step.COLLECTIVE: dialogue.AnsweringProgramme(1),
    Step.CHECKIN: dialogue.CheckingIn(
        1, 0, "enjoyed", Kind.LIKED, CheckinStage.ASKED, datetime(2026, 11, 2, tzinfo=UTC)
    ),
    Step.NOTE: dialogue.Noting(NoteStage.COMMENTS, session_id=1),
    Step.REPLY: dialogue.Replying(ReplyStage.TEXT),
    Step.REVIEW_NOTE: dialogue.WritingReviewNote(1),
    Step.REPORT_DATES: dialogue.WaitingForDates(),
    Step.ASK: dialogue.WritingQuestion(),
    Step.CONFIRM_FORGET: dialogue.ConfirmingForget(None),
    Step.CONFIRM_STOP: dialogue.ConfirmingStop(dialogue.AnsweringQuestions(1, 0)),
    Step.CORRECT_VOICE: dialogue.CorrectingVoice(1, dialogue.AnsweringQuestions(1, 0)),
    Step.WRITE_TO_PERSON: dialogue.WritingToPerson(1, datetime(2026, 11, 2, tzinfo=UTC)),
    Step.TALK: dialogue.TalkingWithTeam(1, datetime(2026, 11, 2, tzinfo=UTC)),
    Step.EMAIL_ADDRESS: dialogue.TypingEmail(),
    Step.DID: dialogue.RecordingDid(DidStage.SAID, 1, place="Library"),
}


@pytest.mark.parametrize("step", list(Step))
def test_every_step_with_a_turn_goes_the_long_way(harness: Harness, step: Step) -> None:
    """A step whose flow answers typed messages (conversation.TURNS) must not take the short
    path, which files the message as a comment; any other step does (it waits for a button)."""
    state = SAMPLES[step]
    assert state.step is step
    if step in TURNS:
        assert TURNS[step].state is type(state)
    hello = Incoming(ANN, ANN, 1, text="Hello")
    deps = harness.app.bot_data.deps
    assert conversation._just_a_comment(state, hello, deps, calm=True) is (step not in TURNS)
    assert conversation._just_a_comment(None, hello, deps, calm=True)


def test_a_tap_typed_out_goes_the_long_way_unless_it_sounded_like_danger(
    harness: Harness,
) -> None:
    """ "No thanks" under "are you sure?" is the No button (bot.conversation.typed), so it
    must reach the turn; when safeguarding heard a concern it is only ever words."""
    deps = harness.app.bot_data.deps
    no = Incoming(ANN, ANN, 1, text="No thanks")
    forgetting = SAMPLES[Step.CONFIRM_FORGET]
    assert not conversation._just_a_comment(forgetting, no, deps, calm=True)
    assert conversation._just_a_comment(forgetting, no, deps, calm=False)
    assert not conversation._just_a_comment(
        None, Incoming(ANN, ANN, 1, text="help"), deps, calm=True
    )


def test_only_the_steps_waiting_for_a_button_have_no_turn() -> None:
    assert set(Step) - set(TURNS) == {Step.CHOOSE_PROJECT, Step.CONFIRM_FORGET, Step.CONFIRM_STOP}
