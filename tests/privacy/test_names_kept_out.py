"""Names, addresses, phone numbers and emails are kept out of what staff read (issue 15 part 3):
replaced when the comment is stored, in /replies, the digest and the spreadsheet; the words as
said stay for the person's own /mydata and for safeguarding (alerts and /flagged)."""

from __future__ import annotations

import pytest

from bot import digests
from bot.core.weeks import week_so_far
from storage.models import Comment, Outbox, Project
from tests.support import outbox
from tests.support.harness import Harness, join, joined
from tests.support.seed import Seeded, seed_project

STAFF, ANN = 4100, 4200
SAID = "could Jean Smith at 14 Elm Road get a lift? ring her on 07700 900123"
SHOWN = "could [name] at [address] get a lift? ring her on [phone]"


@pytest.fixture
async def seeded(harness: Harness) -> Seeded:
    seeded = await seed_project(harness.db)
    await join(harness, STAFF, seeded.staff_code)
    calls = await join(harness, ANN, seeded.participant_code)
    for _ in range(4):
        calls = await harness.press_button(ANN, calls, "Skip")
    await harness.send(ANN, SAID)
    return seeded


async def test_the_words_are_kept_as_said_and_as_staff_read_them(
    harness: Harness, seeded: Seeded
) -> None:
    (comment,) = await harness.rows(Comment)
    assert comment.text == SAID and comment.quoted == SHOWN


async def test_staff_read_them_without_names_in_replies_and_the_digest(
    harness: Harness, seeded: Seeded
) -> None:
    listing = joined(await harness.send(STAFF, "/replies"))
    assert SHOWN in listing and "Jean" not in listing and "07700" not in listing
    (project,) = await harness.rows(Project, Project.id == seeded.project_id)
    deps = harness.app.bot_data.deps
    period = week_so_far(harness.clock.now(), 0, deps.timezone)
    async with harness.db.transaction() as session:
        built = await digests.build_project(session, deps, project, period)
    text = "\n".join(built.parts)
    assert "[name] at [address]" in text and "Jean" not in text and "Elm Road" not in text


async def test_the_person_sees_their_own_words_as_said(harness: Harness, seeded: Seeded) -> None:
    calls = await harness.send(ANN, "/mydata")
    (doc,) = [c for c in calls if c.method == "sendDocument"]
    assert SAID in doc.params["document"]["content"].decode("utf-8")


async def test_an_alert_carries_the_words_as_said(harness: Harness, seeded: Seeded) -> None:
    await harness.send(ANN, "my son Gary hits me and takes my pension")
    alerts = [r for r in await harness.rows(Outbox) if r.kind == "alert"]
    assert alerts and "Gary" in outbox.told(alerts[0]).text


async def test_an_edit_is_kept_out_again(harness: Harness, seeded: Seeded) -> None:
    (comment,) = await harness.rows(Comment)
    await harness.edit(ANN, comment.message_id, "ask Mrs Patel about the trip please")
    (edited,) = await harness.rows(Comment)
    assert edited.text == "ask Mrs Patel about the trip please"
    assert edited.quoted == "ask [name] about the trip please"
