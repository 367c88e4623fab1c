"""Digests are planned from the ledger: exactly once per project and week, whatever the timing."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select, update

from bot.core.deps import Deps
from bot.digests import planning as digests
from storage.db import Database
from storage.models import Digest, Kind, Outbox, OutboxStatus, Project, Role
from tests.support.harness import Harness
from tests.support.outbox import told
from tests.support.seed import seed_project
from tests.support.team import add_comment, add_member

MONDAY_NINE = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # 09:00 in London in winter


@pytest.fixture
async def project(harness: Harness) -> int:
    seeded = await seed_project(harness.db, now=MONDAY_NINE - timedelta(days=30))
    async with harness.db.transaction() as session:
        await session.execute(update(Project).values(created_at=MONDAY_NINE - timedelta(days=30)))
    staff = await add_member(harness.db, 900, seeded.project_id, Role.STAFF, MONDAY_NINE, "S1")
    await add_member(harness.db, 901, None, Role.PROGRAMME, MONDAY_NINE, "P1")
    ann = await add_member(harness.db, 902, seeded.project_id, Role.PARTICIPANT, MONDAY_NINE, "K7")
    week = MONDAY_NINE - timedelta(days=3)
    await add_comment(
        harness.db, ann, seeded.project_id, "Loved the quiz & the cake", week, Kind.LIKED
    )
    await add_comment(harness.db, ann, seeded.project_id, "Warmer hall please", week, Kind.CHANGE)
    assert staff
    return seeded.project_id


def deps_of(harness: Harness) -> Deps:
    return harness.app.bot_data.deps


async def plan(harness: Harness, at: datetime) -> list[str]:
    harness.clock.moment = at
    return await digests.plan_due(harness.db, deps_of(harness), at)


async def test_the_week_is_not_planned_before_monday_nine(harness: Harness, project: int) -> None:
    week_end = datetime(2026, 11, 23, tzinfo=UTC)
    await plan(harness, MONDAY_NINE - timedelta(minutes=1))
    assert week_end not in {d.period_end for d in await harness.rows(Digest)}
    await plan(harness, MONDAY_NINE)
    assert week_end in {d.period_end for d in await harness.rows(Digest)}


async def test_monday_nine_plans_one_project_and_one_programme_digest(
    harness: Harness, project: int
) -> None:
    planned = await plan(harness, MONDAY_NINE)
    assert sorted(planned) == ["programme", f"project:{project}"]
    (ledger,) = await harness.rows(Digest, Digest.scope == f"project:{project}")
    assert ledger.comments == 2 and ledger.people == 1 and ledger.recipients == 1
    rows = await harness.rows(Outbox)
    staff_rows = [r for r in rows if r.chat_id == 900]
    files = [name for r in staff_rows for name, _ in told(r).files]
    assert any(name.endswith(".csv") for name in files)
    texts = "\n".join(told(r).text for r in staff_rows)
    assert "Firth Park Coffee Morning" in texts
    assert "Loved the quiz &amp; the cake" in texts  # escaped for Telegram HTML
    assert "Person K7" in texts and "902" not in texts
    programme_rows = [r for r in rows if r.chat_id == 901]
    assert programme_rows and "Loved the quiz" not in "".join(told(r).text for r in programme_rows)
    assert all(r.status is OutboxStatus.PENDING for r in rows)


async def test_planning_again_or_late_adds_nothing(harness: Harness, project: int) -> None:
    await plan(harness, MONDAY_NINE)
    before = await harness.count(Outbox)
    for later in (timedelta(seconds=1), timedelta(hours=6), timedelta(days=3)):
        assert await plan(harness, MONDAY_NINE + later) == []
    assert await harness.count(Outbox) == before
    # The next week is planned the next Monday.
    assert f"project:{project}" in await plan(harness, MONDAY_NINE + timedelta(days=7))


async def test_downtime_over_the_digest_time_yields_one_digest(
    harness: Harness, project: int
) -> None:
    # The bot was down from Sunday to Tuesday: at restart, the week is planned once.
    await plan(harness, MONDAY_NINE - timedelta(days=1))
    planned = await plan(harness, MONDAY_NINE + timedelta(days=1, hours=2))
    assert f"project:{project}" in planned
    ledger = await harness.rows(Digest, Digest.scope == f"project:{project}")
    assert sum(1 for d in ledger if d.period_end == datetime(2026, 11, 23, tzinfo=UTC)) == 1


async def test_two_planners_at_once_plan_one_digest(
    harness: Harness, project: int, database_url: str
) -> None:
    other = Database(database_url)
    try:

        async def planner(db: Database) -> list[str]:
            return await digests.plan_due(db, deps_of(harness), MONDAY_NINE)

        results = await asyncio.gather(planner(harness.db), planner(other), return_exceptions=True)
    finally:
        await other.dispose()
    planned = [scope for r in results if isinstance(r, list) for scope in r]
    assert planned.count(f"project:{project}") == 1
    async with harness.db.transaction() as session:
        count = await session.scalar(
            select(func.count())
            .select_from(Digest)
            .where(
                Digest.scope == f"project:{project}",
                Digest.period_end == datetime(2026, 11, 23, tzinfo=UTC),
            )
        )
    assert count == 1
    keys = [r.key for r in await harness.rows(Outbox)]
    assert len(keys) == len(set(keys))


async def test_a_quiet_week_still_gets_a_short_digest(harness: Harness, project: int) -> None:
    await plan(harness, MONDAY_NINE)
    quiet = await plan(harness, MONDAY_NINE + timedelta(days=7))
    assert f"project:{project}" in quiet
    week2 = [r for r in await harness.rows(Outbox) if "2026-11-23" in r.key and r.chat_id == 900]
    assert week2 and all(told(r).files == [] for r in week2)  # no CSV when nothing was said


async def test_summer_digest_goes_at_nine_british_summer_time(harness: Harness) -> None:
    summer_monday = datetime(2026, 6, 15, 8, 0, tzinfo=UTC)  # 09:00 BST
    seeded = await seed_project(harness.db)
    async with harness.db.transaction() as session:
        await session.execute(update(Project).values(created_at=summer_monday - timedelta(days=30)))
    await add_member(harness.db, 910, seeded.project_id, Role.STAFF, summer_monday, "S9")
    await plan(harness, summer_monday - timedelta(minutes=1))
    week_end = datetime(2026, 6, 14, 23, 0, tzinfo=UTC)  # Monday 00:00 BST
    assert week_end not in {d.period_end for d in await harness.rows(Digest)}
    await plan(harness, summer_monday)
    assert week_end in {d.period_end for d in await harness.rows(Digest)}
