"""Programme-wide questions: asked in plain words, put to every project's members, summarised."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot import digests
from bot.core.weeks import week_so_far
from storage.models import Comment, Level, ProgrammeQuestion, Project
from tests.support.harness import Harness, join, joined, texts
from tests.support.offline import Call
from tests.support.seed import Seeded, seed_project

PROGRAMME, ANN, BEN, STAFF = 5100, 5200, 5300, 5400


@pytest.fixture
async def seeded(harness: Harness) -> Seeded:
    from bot.joining import invites
    from storage.models import Role

    seeded = await seed_project(harness.db)
    async with harness.db.transaction() as session:
        programme = await invites.create(
            session, role=Role.PROGRAMME, project_id=None, uses=None, expires_days=None,
            now=harness.clock.now(),
        )  # fmt: skip
    await join(harness, PROGRAMME, programme.code)
    await join(harness, STAFF, seeded.staff_code)
    return seeded


async def ask(harness: Harness, question: str) -> list[Call]:
    assert "Type the question" in joined(await harness.send(PROGRAMME, "/ask"))
    return await harness.send(PROGRAMME, question)


@pytest.mark.parametrize(
    ("question", "problem"),
    [
        ("How can we improve stakeholder engagement?", "stakeholder"),
        ("What do you think of " + "the very nice " * 8 + "things?", "20 words"),
        (
            "Organisational considerations notwithstanding, what improvements would "
            "substantially encourage organisational participation amongst neighbourhood residents?",
            "hard to read",
        ),
    ],
)
async def test_a_question_must_be_plain(
    harness: Harness, seeded: Seeded, question: str, problem: str
) -> None:
    reply = joined(await ask(harness, question))
    assert "Could you" in reply and problem in reply
    assert await harness.count(ProgrammeQuestion) == 0
    # Still asking: a plainer question is then accepted.
    assert "I'll ask members" in joined(
        await harness.send(PROGRAMME, "What would make you come more often?")
    )


async def test_only_the_programme_team_can_ask(harness: Harness, seeded: Seeded) -> None:
    for user in (STAFF, ANN):
        assert "for the programme team" in joined(await harness.send(user, "/ask"))
    assert await harness.count(ProgrammeQuestion) == 0


async def test_participants_are_asked_once_and_answers_are_collective(
    harness: Harness, seeded: Seeded
) -> None:
    await ask(harness, "What would make you come more often?")
    calls = await join(harness, ANN, seeded.participant_code)
    for _ in range(4):
        calls = await harness.press_button(ANN, calls, "Skip")
    assert "asked at every group: What would make you come more often?" in joined(calls)
    thanks = await harness.send(ANN, "A lift there and back")
    assert "passed that on to the people who run all the groups" in joined(thanks)
    (answer,) = await harness.rows(Comment, Comment.level == Level.COLLECTIVE)
    assert (
        answer.text == "A lift there and back"
        and answer.question_key
        and answer.question_key.startswith("programme:")
    )
    # Not asked again.
    again = await harness.send(ANN, "The tea was lovely")
    assert "every group" not in joined(again)

    calls = await join(harness, BEN, seeded.participant_code)
    for _ in range(4):
        calls = await harness.press_button(BEN, calls, "Skip")
    skipped = await harness.press_button(BEN, calls, "Not now")
    assert "That's fine" in joined(skipped)
    assert await harness.count(Comment, Comment.level == Level.COLLECTIVE) == 1
    stale = await harness.press_button(BEN, calls, "Not now")
    assert texts(stale) == []

    # The programme digest summarises the answers without quoting them.
    (project,) = await harness.rows(Project)
    period = week_so_far(
        harness.clock.now() + timedelta(minutes=1), 0, harness.app.bot_data.deps.timezone
    )
    async with harness.db.transaction() as session:
        built = await digests.build_programme(session, harness.app.bot_data.deps, [project], period)
    text = "\n".join(built.parts)
    assert (
        "Your question:</b> “What would make you come more often?” Answers this week: fewer than 5."
        in text
    )
    assert "A lift there and back" not in text
