"""SQLite: an update's unit of work runs on the event loop's thread, everything else in the
driver's, and a write lock held by another process never blocks the event loop.

These are about the SQLite driver, so each test has an SQLite file of its own (they run in the
PostgreSQL pass too, unchanged)."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from storage.db import Database


def _record_threads(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.create_function("thread_id", 0, threading.get_ident)


@pytest.fixture
async def sqlite(tmp_path: Path) -> AsyncIterator[Database]:
    db = Database(f"sqlite+aiosqlite:///{tmp_path / 'trips.db'}")
    event.listen(db.engine.sync_engine, "connect", _record_threads)
    async with db.engine.begin() as conn:
        await conn.execute(text("CREATE TABLE said (id INTEGER PRIMARY KEY, words TEXT)"))
    yield db
    await db.dispose()


async def _thread_of(session: AsyncSession) -> int:
    return int((await session.execute(text("SELECT thread_id()"))).scalar_one())


async def test_an_updates_unit_of_work_runs_on_the_event_loops_thread(sqlite: Database) -> None:
    here = threading.get_ident()
    assert await sqlite.run(_thread_of) == here


async def test_jobs_and_readers_run_in_the_drivers_thread(sqlite: Database) -> None:
    here = threading.get_ident()
    async with sqlite.transaction() as session:
        assert await _thread_of(session) != here
    async with sqlite.reading() as session:
        assert await _thread_of(session) != here


async def test_writes_on_the_loop_commit_and_a_mistake_rolls_back(sqlite: Database) -> None:
    async def store(session: AsyncSession) -> None:
        await session.execute(text("INSERT INTO said (id, words) VALUES (1, 'warm hall')"))

    async def store_twice(session: AsyncSession) -> None:
        await session.execute(text("INSERT INTO said (id, words) VALUES (2, 'kept?')"))
        await session.execute(text("INSERT INTO said (id, words) VALUES (1, 'again')"))

    await sqlite.run(store)
    with pytest.raises(IntegrityError):  # SQLAlchemy's own error, as from the driver's thread
        await sqlite.run(store_twice)
    async with sqlite.reading() as session:
        rows = (await session.execute(text("SELECT id, words FROM said"))).all()
    assert [tuple(r) for r in rows] == [(1, "warm hall")]


async def test_a_lock_held_by_another_process_never_blocks_the_event_loop(
    sqlite: Database, tmp_path: Path
) -> None:
    other = sqlite3.connect(tmp_path / "trips.db", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # as the CLI would, writing while the bot runs
    ticks = 0

    async def tick() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.01)
            ticks += 1

    async def store(session: AsyncSession) -> int:
        await session.execute(text("INSERT INTO said (words) VALUES ('waited its turn')"))
        return await _thread_of(session)

    ticker = asyncio.create_task(tick())
    stored = asyncio.create_task(sqlite.run(store))
    started = time.monotonic()
    await asyncio.sleep(0.5)
    assert not stored.done()  # waiting for the lock ...
    assert ticks >= 20  # ... while the event loop kept turning
    other.execute("COMMIT")
    other.close()
    # The statements after a BEGIN that had to wait stay in the driver's thread.
    assert await asyncio.wait_for(stored, 5) != threading.get_ident()
    ticker.cancel()
    assert time.monotonic() - started < 5
