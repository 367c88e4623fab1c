"""The schema: migrations match the models, and constraints hold on both databases."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, inspect, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from benchmarks import plans
from bot.core.weeks import latest_due
from bot.digests import reading as digests
from storage import db as storage_db
from storage.db import Database
from storage.models import Base, Comment, Partner
from storage.repositories import digests as digest_repo
from storage.repositories import people, projects
from tests.support.seed import seed_project


async def test_models_match_migrations(db: Database) -> None:
    def diff(connection: Connection) -> list[Any]:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, Base.metadata))

    async with db.engine.connect() as connection:
        assert await connection.run_sync(diff) == []


async def test_every_model_table_exists(db: Database) -> None:
    async with db.engine.connect() as connection:
        names = await connection.run_sync(lambda c: set(inspect(c).get_table_names()))
    assert set(Base.metadata.tables) <= names


async def test_comment_is_unique_per_chat_and_message(db: Database) -> None:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    async with db.transaction() as session:
        session.add(Comment(chat_id=1, message_id=2, created_at=now))
    async with db.transaction() as session:
        session.add(Comment(chat_id=1, message_id=2, created_at=now))
        with pytest.raises(IntegrityError):
            await session.flush()
        await session.rollback()


async def test_deleting_a_person_cascades(db: Database) -> None:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    async with db.transaction() as session:
        person = await people.add_person(
            session, telegram_id=9, pseudonym="K7", language="en", consent_version="v", now=now
        )
        session.add(
            Comment(person_id=person.id, chat_id=9, message_id=1, text="hi", created_at=now)
        )
    async with db.transaction() as session:
        await people.delete_person(session, person.id, "a" * 64)
    async with db.transaction() as session:
        assert await people.person_by_telegram_id(session, 9) is None
        assert await session.scalar(select(func.count()).select_from(Comment)) == 0


async def test_times_come_back_as_aware_utc(db: Database) -> None:
    async with db.transaction() as session:
        await projects.add_partner(session, "p", "P", None)
    async with db.transaction() as session:
        partner = await projects.partner_by_slug(session, "p")
        assert partner is not None and partner.created_at.tzinfo is not None


async def test_repositories_never_commit(db: Database) -> None:
    """A rolled-back unit of work leaves nothing behind."""

    async def failing_update() -> None:
        async with db.transaction() as session:
            await projects.add_partner(session, "gone", "Gone", None)
            raise RuntimeError("the update failed")

    with pytest.raises(RuntimeError):
        await failing_update()
    async with db.transaction() as session:
        assert await projects.partner_by_slug(session, "gone") is None
        assert await session.scalar(select(func.count()).select_from(Partner)) == 0


async def test_a_long_read_never_holds_up_a_writer(db: Database) -> None:
    """A digest build reads for a long time; a message arriving meanwhile is stored at once."""
    async with db.reading() as reader:
        await reader.execute(select(func.count()).select_from(Partner))  # holds a snapshot now
        async with asyncio.timeout(2):  # SQLite's busy timeout (5 s) would run past this
            async with db.transaction() as writer:
                await projects.add_partner(writer, "new", "New", None)
        # The reader still sees the database as it was when it started.
        assert await reader.scalar(select(func.count()).select_from(Partner)) == 0
    async with db.reading() as session:
        assert await session.scalar(select(func.count()).select_from(Partner)) == 1


async def _plans(db: Database, work: Callable[[AsyncSession], Awaitable[object]]) -> str:
    """The query plans of every SELECT `work` sends, as one text (PostgreSQL told to avoid
    plain table scans, so an index shows whenever the planner can use it at all)."""
    sent = await plans.capture(db, work)
    lines: list[str] = []
    async with db.engine.connect() as connection:
        if db.backend == "postgresql":
            await connection.exec_driver_sql("SET enable_seqscan = off")
        explain = "EXPLAIN QUERY PLAN " if db.backend == "sqlite" else "EXPLAIN "
        for statement, parameters in sent:
            rows = await connection.exec_driver_sql(explain + statement, parameters)
            lines += [str(row[-1]) for row in rows]
    return "\n".join(lines)


async def test_the_digest_reads_use_their_partial_indexes(db: Database) -> None:
    """The all-time figures read only suggestions, follow-ups only flagged messages, and the
    programme's questions only their answers: if a query stops matching its index's rule,
    the index's name drops out of the plan."""
    if db.backend == "postgresql":
        # An erasure earlier in the run vacuumed these tables empty, which tells the planner any
        # index will do; TRUNCATE brings back a new table's estimates, which this test reads.
        tables = ", ".join(t.name for t in Base.metadata.sorted_tables)
        async with db.engine.begin() as connection:
            await connection.exec_driver_sql(f"TRUNCATE {tables} CASCADE")
    await seed_project(db)
    async with db.reading() as session:
        project = (await digest_repo.all_projects(session))[0]
    week = latest_due(datetime(2026, 11, 23, 10, tzinfo=UTC), 0, "09:00", ZoneInfo("Europe/London"))

    async def build(session: AsyncSession) -> None:
        await digests.project_weeks(session, [project], week)
        await digests.collective(session, week)

    plans = await _plans(db, build)
    for index in (
        "ix_comments_suggestions",
        "ix_comments_flagged",
        "ix_comments_collective",
        "ix_comments_project_id_created_at",
    ):
        assert index in plans, plans


@pytest.fixture
def quick_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(storage_db, "RETRY_DELAYS", (0.05, 0.1, 0.2, 0.4))


async def test_a_unit_of_work_survives_the_database_being_briefly_unreachable(
    database_url: str, db: Database, quick_retries: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite: another process holds the write lock past the busy timeout. PostgreSQL: the
    server drops the connection mid-work (as a restart does). Either way the work is done
    once, after the database is back, and what the failed try wrote is not kept."""
    monkeypatch.setattr(storage_db, "SQLITE_BUSY_TIMEOUT_MS", 50)
    flaky = Database(database_url)
    tries = 0

    async def work(session: AsyncSession) -> int:
        nonlocal tries
        tries += 1
        await projects.add_partner(session, f"try-{tries}", "Try", None)
        if tries == 1 and flaky.backend == "postgresql":
            pid = await session.scalar(select(func.pg_backend_pid()))
            async with db.engine.connect() as other:
                await other.execute(select(func.pg_terminate_backend(pid)))
        await projects.add_partner(session, f"after-{tries}", "After", None)
        return tries

    try:
        if flaky.backend == "sqlite":
            path = database_url.split("///", 1)[1]
            holder = sqlite3.connect(path, isolation_level=None)
            holder.execute("BEGIN IMMEDIATE")
            asyncio.get_running_loop().call_later(0.3, holder.commit)
        assert await flaky.run(work) == tries >= 2
    finally:
        await flaky.dispose()
    async with db.reading() as session:
        slugs = set(await session.scalars(select(Partner.slug)))
    assert slugs == {f"try-{tries}", f"after-{tries}"}


async def test_a_mistake_in_the_work_is_not_tried_again(db: Database, quick_retries: None) -> None:
    tries = 0

    async def work(session: AsyncSession) -> None:
        nonlocal tries
        tries += 1
        await projects.add_partner(session, "same", "Same", None)
        await projects.add_partner(session, "same", "Same", None)

    with pytest.raises(IntegrityError):
        await db.run(work)
    assert tries == 1


async def test_retrying_gives_up_in_the_end(db: Database, quick_retries: None) -> None:
    tries = 0

    async def work(_session: AsyncSession) -> None:
        nonlocal tries
        tries += 1
        raise ConnectionRefusedError("the server is down")

    with pytest.raises(ConnectionRefusedError):
        await db.run(work)
    assert tries == len(storage_db.RETRY_DELAYS) + 1


async def test_a_writer_gets_its_turn_while_another_writes_in_a_stream(db: Database) -> None:
    """SQLite's busy handler only polls, so a writer could starve behind a steady stream of
    short transactions from the same process (planning thousands of check-ins); within the
    process writers take turns, first come first served."""
    done: list[str] = []

    async def stream() -> None:
        for n in range(40):
            async with db.transaction() as session:
                await projects.add_partner(session, f"stream-{n}", "Stream", None)
                await asyncio.sleep(0.01)  # some work while holding the write lock
            done.append("stream")

    async def one() -> None:
        await asyncio.sleep(0)  # arrive just after the stream has started
        async with db.transaction() as session:
            await projects.add_partner(session, "one", "One", None)
        done.append("one")

    await asyncio.gather(stream(), one())
    assert done.index("one") <= 2, done.index("one")
