"""Edits are screened again: new words that sound like danger get help at once, a new alert for
staff and a fresh look in /flagged (even after staff looked at the message), and stay out of the
digest until then."""

from __future__ import annotations

import pytest

from bot import digests
from bot.core.weeks import week_so_far
from bot.team import requests as team
from storage.models import Comment, Outbox, Project
from tests.care.test_care import ANN, RELAYED, STAFF, STRANGER, VOL, alerts_to, helped, seeded
from tests.support.harness import Harness, join, joined, texts
from tests.support.outbox import told
from tests.support.seed import Seeded

__all__ = ["seeded"]  # the fixture, shared with test_care

FIRST, AGAIN = "Some days I want to die", "I can't cope any more and I have no food"


async def digest_and_csv(harness: Harness, seeded: Seeded) -> str:
    (project,) = await harness.rows(Project, Project.id == seeded.project_id)
    deps = harness.app.bot_data.deps
    period = week_so_far(harness.clock.now(), 0, deps.timezone)
    async with harness.db.transaction() as session:
        built = await digests.build_project(session, deps, project, period)
        csv = await team.project_csv(session, deps, project, period.first_day, period.end_day)
    return "\n".join(built.parts) + (csv or "")


async def look_at_it(harness: Harness) -> None:
    listing = await harness.send(STAFF, "/flagged")
    await harness.press_button(STAFF, listing, "Looked at 1")
    await harness.send(STAFF, "Rang her, she is fine.")


async def test_an_edit_after_staff_looked_raises_a_new_alert_and_a_fresh_look(
    harness: Harness, seeded: Seeded
) -> None:
    await harness.send(ANN, "The quiz was fun", message_id=70)
    first = joined(await harness.edit(ANN, 70, FIRST))
    assert helped(first, "self_harm")
    await look_at_it(harness)
    (comment,) = await harness.rows(Comment, Comment.message_id == 70)
    assert comment.reviewed_at is not None
    assert "no messages that need a look" in joined(await harness.send(STAFF, "/flagged"))

    harness.clock.advance(seconds=61)  # apart: a burst gets one help reply (test_throttle)
    again = joined(await harness.edit(ANN, 70, AGAIN))
    assert helped(again) and "updated what you said" in again
    await harness.edit(ANN, 70, AGAIN)  # the same words (the update delivered again): no more
    alerts = alerts_to(await harness.rows(Outbox), STAFF)
    assert len(alerts) == 2 and all(a.priority == 0 for a in alerts)
    assert [AGAIN in told(a).text for a in alerts] == [False, True]
    (comment,) = await harness.rows(Comment, Comment.message_id == 70)
    assert comment.flagged and comment.reviewed_at is None and comment.flag_topic
    listing = joined(await harness.send(STAFF, "/flagged"))
    assert "(1)" in listing and AGAIN in listing
    assert "cope" not in await digest_and_csv(harness, seeded)  # the digest never quotes it

    # Looked at again, the edited words are the ones the team's spreadsheet keeps.
    await look_at_it(harness)
    assert AGAIN in await digest_and_csv(harness, seeded)


async def test_a_volunteers_note_edited_into_danger_raises_a_group_alert(
    harness: Harness, seeded: Seeded
) -> None:
    await join(harness, VOL, seeded.volunteer_code)
    calls = await harness.send(VOL, "/note")
    calls = await harness.send(VOL, "Firth Park library")
    calls = await harness.press_button(VOL, calls, "Today")
    await harness.press_button(VOL, calls, "1 to 5")
    await harness.send(VOL, "One lady said the tea was lovely", message_id=90)
    assert alerts_to(await harness.rows(Outbox), STAFF) == []
    reply = texts(await harness.edit(VOL, 90, "One lady said she has no food at home"))
    assert reply[0] == RELAYED
    (alert,) = alerts_to(await harness.rows(Outbox), STAFF)
    assert "passed on something from Firth Park library" in told(alert).text
    assert "she has no food at home" in told(alert).text


@pytest.mark.parametrize("who", [STRANGER, ANN])
async def test_an_edit_of_words_never_kept_still_gets_help(
    harness: Harness, seeded: Seeded, who: int
) -> None:
    await harness.send(who, "/help", message_id=95)  # a command: never kept
    reply = await harness.edit(who, 95, "I can't cope")
    assert "116 123" in joined(reply) and len(texts(reply)) == 1
