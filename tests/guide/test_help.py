"""/help through the real handlers: each step of a conversation explained, and where the person
was left exactly as it was; each role's help; and menus that list only commands that exist."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot import guide
from bot.core import CheckinStage, CommandMenu, DidStage, NoteStage, ReplyStage, Step, dialogue
from handlers.routes import commands
from prompts import Prompts
from storage.models import Dialogue, Kind, Membership, Role
from tests.support.harness import Harness, joined
from tests.support.seed import seed_project
from tests.support.team import add_member

AT = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)
ANN = 7101
# One state for every step (and the stages whose help differs), as a flow would store it.
STATES: list[dialogue.Dialogue] = [
    dialogue.ChoosingProject((1, 2)),
    dialogue.AnsweringQuestions(project_id=1, index=2),
    dialogue.AnsweringProgramme(question_id=3),
    dialogue.CheckingIn(1, 2, "how", Kind.MOOD, CheckinStage.ASKED, AT),
    dialogue.CheckingIn(1, 2, "how", Kind.MOOD, CheckinStage.MORE, AT),
    dialogue.Noting(NoteStage.WHERE, project_id=1, places=("Library",)),
    dialogue.Noting(NoteStage.COMMENTS, 1, (), "Library", AT.date(), session_id=4),
    dialogue.Replying(ReplyStage.OUTCOME, shown=(1, 2), ticked=(2,)),
    dialogue.WritingReviewNote(comment_id=5),
    dialogue.WaitingForDates(tries=1),
    dialogue.WritingQuestion(),
    dialogue.ConfirmingForget(dialogue.AnsweringQuestions(1, 0)),
    dialogue.ConfirmingStop(dialogue.CheckingIn(1, 2, "how", Kind.MOOD, CheckinStage.ASKED, AT)),
    dialogue.CorrectingVoice(comment_id=6),
    dialogue.WritingToPerson(comment_id=7, until=AT + timedelta(hours=1)),
    dialogue.TalkingWithTeam(comment_id=7, until=AT + timedelta(hours=1)),
    dialogue.TypingEmail(),
    dialogue.RecordingDid(DidStage.SAID, project_id=1, place="Library"),
]


def test_every_step_has_its_help_in_plain_words(prompts: Prompts) -> None:
    assert set(guide.STEP_HELP) == set(Step)
    assert {type(s).step for s in STATES} == set(Step)
    for key in [*guide.STEP_HELP.values(), "checkin_more", "noting"]:
        assert prompts.text(f"help.step.{key}").strip()


def test_menus_list_only_commands_that_exist(prompts: Prompts) -> None:
    real = set(commands())
    every = guide.menu_for(set(Role))
    assert set(every.names) <= real and "start" not in every.names
    for name in every.names:
        assert 0 < len(prompts.plain(f"commands.{name}")) <= 256  # Telegram's limit
    assert guide.menu_for([]) == guide.menu_for([Role.PARTICIPANT]) == CommandMenu()
    assert guide.commands_of(CommandMenu()) == ("help", "mydata", "stop", "forget")
    volunteer = guide.menu_for([Role.VOLUNTEER]).names
    assert volunteer == ("help", "note", "sessions", "mydata", "stop", "forget")
    # The programme team alone: what answers them (totals, not a project's words).
    programme = guide.menu_for([Role.PROGRAMME]).names
    assert programme == (
        *("help", "digest", "report", "team", "ask", "web", "settings"),
        *("mydata", "stop", "forget"),
    )


@pytest.mark.parametrize("state", STATES, ids=lambda s: f"{s.step.value}")
async def test_help_mid_conversation_explains_the_step_and_changes_nothing(
    harness: Harness, prompts: Prompts, state: dialogue.Dialogue
) -> None:
    project = (await seed_project(harness.db)).project_id
    person = await add_member(harness.db, ANN, project, Role.STAFF, AT, "H5")
    async with harness.db.transaction() as session:
        await dialogue.save(session, person, state, AT)
    (before,) = await harness.rows(Dialogue)
    stored = dict(before.state)

    calls = await harness.send(ANN, "/help")
    assert joined(calls) == prompts.text(f"help.step.{guide.step_help(state)}")
    (after,) = await harness.rows(Dialogue)
    assert after.state == stored and after.updated_at == before.updated_at


async def test_help_while_noting_then_the_note_goes_on(harness: Harness) -> None:
    project = (await seed_project(harness.db)).project_id
    await add_member(harness.db, ANN, project, Role.VOLUNTEER, AT, "V6")
    await harness.send(ANN, "/note")
    when = await harness.send(ANN, "Firth Park library")
    assert "You're setting up a note" in joined(await harness.send(ANN, "/help"))
    calls = await harness.press_button(ANN, when, "Today")
    assert "Roughly how many" in joined(calls)  # the step /help interrupted carried on
    assert "send me each thing" in joined(await harness.send(ANN, "8"))

    told = joined(await harness.send(ANN, "/help"))
    assert "Tap Done" in told and "anyone's name" in told
    assert "Noted. That's 1 so far" in joined(await harness.send(ANN, "The tea was cold"))


async def test_help_by_role(harness: Harness) -> None:
    project = (await seed_project(harness.db)).project_id
    assert "join word" in joined(await harness.send(ANN, "/help"))  # not joined yet

    await add_member(harness.db, ANN, project, Role.PARTICIPANT, AT, "P7")
    member = joined(await harness.send(ANN, "/help"))
    assert "Just write to me" in member and "/note" not in member and "For the team" not in member

    both = 7102
    person = await add_member(harness.db, both, project, Role.STAFF, AT, "S8")
    async with harness.db.transaction() as session:
        session.add(
            Membership(person_id=person, project_id=None, role=Role.PROGRAMME, joined_at=AT)
        )
    calls = await harness.send(both, "/help")
    told = joined(calls)
    assert "For the team" in told and "For the programme team" in told and "/ask" in told
    assert "For volunteers" not in told and told.endswith("/forget deletes it all.")
    # /help sets their menu again: staff and programme commands together.
    (menu,) = [c for c in calls if c.method == "setMyCommands"]
    assert menu.params["scope"]["chat_id"] == both
    names = [c["command"] for c in menu.params["commands"]]
    assert names[0] == "help" and {"flagged", "ask", "export"} <= set(names)
