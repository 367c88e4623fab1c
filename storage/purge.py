"""After an erasure, deleted rows leave the database's files too, not only its tables.

SQLite zeroes what a delete frees (`secure_delete`, set on every connection in storage.db), but
its write-ahead log keeps the pages as they were until a checkpoint copies the new ones back and
empties it. PostgreSQL keeps deleted and updated rows as dead tuples until VACUUM. Neither can
run inside a transaction, so an erasure only asks (`request`) and the unit of work does it once
it has committed (`Database.transaction`). Logs carry counts and table names, never words.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

log = logging.getLogger(__name__)
_ASKED = "natter_purge"
# A checkpoint waits this long for readers and writers on each try, so the writers of this
# process (whose own busy timeout is longer) are held up briefly at most.
CHECKPOINT_BUSY_MS = 1000
# Between tries: a digest being read, or another process's transaction, usually ends by then.
CHECKPOINT_DELAYS = (0.2, 1.0)


@dataclass(frozen=True, slots=True)
class Purge:
    """What cleaning up after an erasure managed."""

    done: bool  # the write-ahead log is empty (SQLite); every table was vacuumed (PostgreSQL)
    tries: int = 1
    skipped: tuple[str, ...] = ()  # tables this PostgreSQL role may not vacuum


def request(session: AsyncSession, tables: Iterable[str]) -> None:
    """Clean up after this transaction once it commits: vacuum `tables` on PostgreSQL, empty
    the write-ahead log on SQLite (whatever the tables)."""
    asked: set[str] = session.info.setdefault(_ASKED, set())
    asked.update(tables)


def requested(session: AsyncSession) -> frozenset[str] | None:
    """The tables asked for in this transaction, or None if nothing was asked."""
    asked: set[str] | None = session.info.pop(_ASKED, None)
    return None if asked is None else frozenset(asked)


async def checkpoint(engine: AsyncEngine, busy_timeout_ms: int) -> Purge:
    """Copy SQLite's write-ahead log into the database file and truncate it to nothing.

    TRUNCATE waits for every reader to be on the newest snapshot: a reader still on an old one
    (a digest being built) makes a try fail, so it is tried again, then reported.
    """
    delays = (0.0, *CHECKPOINT_DELAYS)
    for attempt, delay in enumerate(delays, start=1):
        await asyncio.sleep(delay)
        async with engine.connect() as connection:
            # The driver's own connection: SQLAlchemy would open a transaction around it first.
            driver: Any = (await connection.get_raw_connection()).driver_connection
            await driver.execute(f"PRAGMA busy_timeout={CHECKPOINT_BUSY_MS}")
            try:
                cursor = await driver.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                busy, frames, copied = await cursor.fetchone()
                await cursor.close()
            except sqlite3.OperationalError:  # "database is locked": busy, as far as we know
                busy, frames, copied = 1, -1, -1
            finally:
                await driver.execute(f"PRAGMA busy_timeout={busy_timeout_ms}")
        log.debug("checkpoint try %d: busy %d, %d frames, %d copied", attempt, busy, frames, copied)
        if not busy:
            return Purge(done=True, tries=attempt)
    log.warning(
        "the SQLite write-ahead log could not be emptied after an erasure (%d tries: another "
        "connection was reading or writing); the next erasure or retention sweep tries again",
        len(delays),
    )
    return Purge(done=False, tries=len(delays))


async def vacuum(engine: AsyncEngine, tables: Iterable[str]) -> Purge:
    """VACUUM each table, outside a transaction; one this role may not vacuum is skipped.

    PostgreSQL skips a table it may not vacuum with a warning rather than an error, so any
    notice while a table is vacuumed counts it as skipped.
    """
    names = sorted(tables)
    skipped: list[str] = []
    notices: list[object] = []

    def heard(_connection: object, message: object) -> None:
        notices.append(message)

    async with engine.connect() as connection:
        auto = await connection.execution_options(isolation_level="AUTOCOMMIT")
        driver: Any = (await auto.get_raw_connection()).driver_connection
        quote = engine.dialect.identifier_preparer.quote
        driver.add_log_listener(heard)
        try:
            for name in names:
                before = len(notices)
                await auto.exec_driver_sql(f"VACUUM {quote(name)}")
                await asyncio.sleep(0)  # the driver hands notices on at the loop's next turn
                if len(notices) > before:
                    skipped.append(name)
        finally:
            driver.remove_log_listener(heard)
    log.debug("vacuumed %d tables after an erasure", len(names) - len(skipped))
    if skipped:
        log.info("VACUUM skipped %d tables (this role may not vacuum them)", len(skipped))
    return Purge(done=not skipped, skipped=tuple(skipped))
