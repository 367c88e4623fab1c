"""Nobody is left waiting: an alert nobody marked as looked at in 4 daytime hours (08:00 to
20:00 in the project's time zone, every day) goes to the programme team, once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.care import waking_time
from bot.cli.status import status
from bot.runtime import jobs
from bot.runtime.root import Texts, compose
from bot.runtime.settings import Settings
from storage.models import Comment, FlagFollowUp, Outbox, Role
from tests.care.test_care import ANN, STAFF, seeded
from tests.support.harness import Harness
from tests.support.outbox import told
from tests.support.seed import Seeded
from tests.support.team import add_member

__all__ = ["seeded"]
LONDON = ZoneInfo("Europe/London")
PROGRAMME = 6800


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=UTC)  # London is on UTC in November


@pytest.mark.parametrize(
    ("start", "end", "hours"),
    [
        (at(2, 10), at(2, 14), 4.0),  # a Monday morning
        (at(2, 19), at(3, 11), 4.0),  # an hour before 20:00, then three from 08:00
        (at(7, 22), at(8, 9), 1.0),  # Saturday night to Sunday morning: the night is not counted
        (at(2, 3), at(2, 7), 0.0),
    ],
)
def test_only_daytime_counts(start: datetime, end: datetime, hours: float) -> None:
    assert waking_time(start, end, LONDON, timedelta(days=9)) == timedelta(hours=hours)


def test_daytime_is_the_projects_local_day() -> None:
    """08:00 in New York is 13:00 UTC in November."""
    assert waking_time(at(2, 9), at(2, 14), ZoneInfo("America/New_York")) == timedelta(hours=1)


async def escalations(harness: Harness) -> list[Outbox]:
    return [r for r in await harness.rows(Outbox) if r.key.startswith("escalation:")]


async def test_an_alert_waiting_4_daytime_hours_goes_to_the_programme_team_once(
    harness: Harness, seeded: Seeded, settings: Settings, texts: Texts
) -> None:
    await add_member(harness.db, PROGRAMME, None, Role.PROGRAMME, harness.clock.now(), "QZ93")
    harness.clock.moment = at(2, 19)
    await harness.send(ANN, "I have no food in the house and the heating is off")
    harness.clock.moment = at(3, 10, 59)  # 1 hour before 20:00, 2 h 59 min since 08:00
    await jobs.plan_now(harness.app.bot_data)
    assert await escalations(harness) == []

    harness.clock.moment = at(3, 11, 1)
    await jobs.plan_now(harness.app.bot_data)
    (row,) = await escalations(harness)
    assert row.chat_id == PROGRAMME and row.priority == 0
    text = told(row).text
    assert "Firth Park Coffee Morning" in text and "going without" in text
    assert "heating" not in text and "Person" not in text  # never the words or who
    (follow_up,) = await harness.rows(FlagFollowUp)
    assert follow_up.escalated_at == at(3, 11, 1)

    harness.clock.advance(hours=5)
    await jobs.plan_now(harness.app.bot_data)
    assert len(await escalations(harness)) == 1  # once

    # One that staff looked at in time is never sent on.
    await harness.send(ANN, "I can't cope any more")
    listing = await harness.send(STAFF, "/flagged")
    await harness.press_button(STAFF, listing, "Looked at 2")
    harness.clock.advance(days=1)
    await jobs.plan_now(harness.app.bot_data)
    assert len(await escalations(harness)) == 1
    (looked,) = await harness.rows(Comment, Comment.reviewed_at.is_not(None))
    assert looked.text == "I can't cope any more"

    services = compose(settings, texts, db=harness.db, clock=harness.clock)
    lines = (await status(services)).splitlines()
    assert "Open alerts: 1 (the oldest waiting 45 h 1 min)" in lines
