"""A volunteer passing on a worry about someone at a group: thanked, not given help for herself;
the note is flagged and alerted, and never quoted, listed in /replies or sent back to read out."""

from __future__ import annotations

from bot import digests
from bot.core.weeks import week_so_far
from bot.team import requests as team
from storage.models import Comment, Outbox, Project
from tests.care.test_care import RELAYED, STAFF, VOL, alerts_to, helped, seeded
from tests.support.harness import Harness, join, joined, texts
from tests.support.outbox import told
from tests.support.seed import Seeded

__all__ = ["seeded"]
WORRY = "Mrs B said she has had no food in the house since Sunday"


async def test_a_relayed_worry_is_never_quoted_listed_or_read_out(
    harness: Harness, seeded: Seeded
) -> None:
    await join(harness, VOL, seeded.volunteer_code)
    calls = await harness.send(VOL, "/note")
    calls = await harness.send(VOL, "Firth Park library")
    calls = await harness.press_button(VOL, calls, "Today")
    await harness.press_button(VOL, calls, "1 to 5")
    await harness.send(VOL, "They would like more tea please")
    calls = await harness.send(VOL, WORRY)
    first, *rest = texts(calls)
    assert first == RELAYED and not helped(first, "neglect")  # not help for herself
    assert all(not c.buttons or "I'm safe" not in str(c.buttons) for c in calls)
    assert "so far" in "\n".join(rest)  # the note carries on, in a message of its own
    (alert,) = alerts_to(await harness.rows(Outbox), STAFF)
    assert WORRY in told(alert).text and "Write to them" not in str(told(alert).buttons)

    listed = joined(await harness.send(STAFF, "/replies"))
    assert "more tea" in listed and "no food" not in listed
    flagged = await harness.send(STAFF, "/flagged")
    assert WORRY in joined(flagged)
    await harness.press_button(STAFF, flagged, "Looked at 1")
    (note,) = await harness.rows(Comment, Comment.flagged.is_(True))
    assert note.reviewed_at is not None

    (project,) = await harness.rows(Project, Project.id == seeded.project_id)
    deps = harness.app.bot_data.deps
    period = week_so_far(harness.clock.now(), 0, deps.timezone)
    async with harness.db.transaction() as session:
        built = await digests.build_project(session, deps, project, period)
        csv = await team.project_csv(session, deps, project, period.first_day, period.end_day)
    text = "\n".join(built.parts)
    assert "no food" not in text and "no food" not in (csv or "")
    assert "more tea" in (csv or "")
    assert "no food" not in joined(await harness.send(STAFF, "/replies"))


async def test_a_worry_typed_while_setting_up_a_note_reaches_the_team(
    harness: Harness, seeded: Seeded
) -> None:
    """Typed at "when did the group meet?", before there is a note to keep it in: kept, flagged
    and told to staff, and the volunteer thanked as for a worry passed on; the step waits."""
    await join(harness, VOL, seeded.volunteer_code)
    await harness.send(VOL, "/note")
    await harness.send(VOL, "Firth Park library")
    (only,) = texts(await harness.send(VOL, WORRY))
    assert only == RELAYED and not helped(only, "neglect")
    (note,) = await harness.rows(Comment, Comment.flagged.is_(True))
    assert note.text == WORRY and note.group_session_id is None
    (alert,) = alerts_to(await harness.rows(Outbox), STAFF)
    assert WORRY in told(alert).text
    assert "1 to 5" in str((await harness.send(VOL, "today"))[-1].buttons)  # the step waited
