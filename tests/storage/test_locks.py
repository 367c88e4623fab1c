"""The advisory lock the scheduler is chosen by, and the health check, at storage's seam."""

from __future__ import annotations

from pathlib import Path

from storage import locks
from storage.db import Database

# Not the scheduler's key, so a webhook process left by another test never holds this one.
KEY = 0x6E61747465720099


async def test_an_advisory_lock_is_held_by_one_connection_at_a_time(db: Database) -> None:
    if db.backend != "postgresql":  # one process only: there is no lock to ask about
        assert await locks.holder(db, KEY) is None
        return
    first, second = locks.AdvisoryLock(db, KEY), locks.AdvisoryLock(db, KEY)
    try:
        assert await first.try_take()
        assert first.taken and await first.still_held()
        assert not await second.try_take()
        assert not second.taken
        assert await locks.holder(db, KEY) is not None
        await first.release()
        assert not first.taken and not await first.still_held()
        assert await locks.holder(db, KEY) is None
        assert await second.try_take()
    finally:
        await first.release()
        await second.release()
    assert await locks.holder(db, KEY) is None


async def test_healthy_says_whether_the_database_answers(db: Database, tmp_path: Path) -> None:
    assert await db.healthy()
    gone = Database(f"sqlite+aiosqlite:///{tmp_path / 'no-such-folder' / 'natter.db'}")
    try:
        assert not await gone.healthy()
    finally:
        await gone.dispose()
