"""Migration 0021 on tallies written before it: each gets its running count of suggestions,
and down again drops the column and the waiting index.

The database is one of its own at revision 0020 (a file on SQLite; a schema of its own on
PostgreSQL), so the suite's database stays at head.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from storage.db import Database
from storage.migrate import upgrade
from tests.storage.test_outbox_migration import downgrade
from tests.support.seed import seed_project

SCHEMA = "tallies_at_0020"
MONDAY = datetime(2026, 11, 2, 9, tzinfo=UTC)
# (project, weeks after MONDAY, raised, raised_before): project 2's first tally is late.
TALLIES = [(1, 0, 2, 5), (1, 1, 3, 0), (1, 2, 0, 1), (2, 1, 4, 7), (2, 2, 1, 0)]


async def _schema(db: Database, sql: str) -> None:
    async with db.engine.begin() as connection:
        await connection.execute(sa.text(sql))


@pytest.fixture
async def at_0020(database_url: str, tmp_path: Path) -> AsyncIterator[Database]:
    if make_url(database_url).get_backend_name() == "sqlite":
        db = Database(f"sqlite+aiosqlite:///{tmp_path / 'at-0020.db'}")
        await upgrade(db, "0020")
        yield db
        await db.dispose()
        return
    admin = Database(database_url)
    await _schema(admin, f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
    await _schema(admin, f"CREATE SCHEMA {SCHEMA}")
    db = Database(database_url, connect_args={"server_settings": {"search_path": SCHEMA}})
    try:
        await upgrade(db, "0020")
        yield db
    finally:
        await db.dispose()
        await _schema(admin, f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
        await admin.dispose()


async def _inspect(db: Database) -> tuple[set[str], set[str]]:
    async with db.engine.connect() as connection:
        return await connection.run_sync(
            lambda c: (
                {col["name"] for col in sa.inspect(c).get_columns("weekly_tallies")},
                {ix["name"] or "" for ix in sa.inspect(c).get_indexes("comments")},
            )
        )


async def test_tallies_get_their_running_counts_and_go_back(at_0020: Database) -> None:
    ids = [(await seed_project(at_0020, slug)).project_id for slug in ("one", "two")]
    async with at_0020.engine.begin() as connection:
        for project, week, raised, before in TALLIES:
            start = MONDAY + timedelta(weeks=week)
            await connection.execute(
                sa.text(
                    "INSERT INTO weekly_tallies (project_id, first_day, week_start, week_end, "
                    "comments, people, themes, raised, raised_before, answered, changed) "
                    "VALUES (:p, :d, :s, :e, 0, 0, '{}', :r, :b, 0, 0)"
                ),
                {"p": ids[project - 1], "d": date(2026, 11, 2) + timedelta(weeks=week), "s": start,
                 "e": start + timedelta(weeks=1), "r": raised, "b": before},
            )  # fmt: skip
    await upgrade(at_0020, "0021")
    async with at_0020.engine.connect() as connection:
        rows = await connection.execute(
            sa.text(
                "SELECT project_id, raised_total FROM weekly_tallies "
                "ORDER BY project_id, week_start"
            )
        )
        found = [(ids.index(p) + 1, total) for p, total in rows.tuples()]
        assert found == [(1, 7), (1, 10), (1, 11), (2, 11), (2, 12)]
    columns, indexes = await _inspect(at_0020)
    assert "raised_total" in columns and "ix_comments_waiting" in indexes
    await downgrade(at_0020, "0020")
    columns, indexes = await _inspect(at_0020)
    assert "raised_total" not in columns and "ix_comments_waiting" not in indexes
