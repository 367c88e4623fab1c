"""Which process runs the scheduler when several webhook workers share one PostgreSQL.

`auto` takes a PostgreSQL advisory lock on a connection kept open for the process's life: the
holder runs the jobs; the others try again every few seconds, so when the holder dies (and its
connection with it) another takes over. On SQLite there is only ever one process.
"""

from __future__ import annotations

import enum
import logging

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from storage.db import Database

log = logging.getLogger(__name__)
# Any fixed 64-bit number, the same in every worker: it names "Natter's scheduler".
LOCK_KEY = 0x6E61747465720001


class SchedulerMode(enum.StrEnum):
    AUTO = "auto"
    ON = "on"
    OFF = "off"


class SchedulerLock:
    def __init__(self, db: Database, mode: SchedulerMode) -> None:
        self.db, self.mode = db, mode
        self._connection: AsyncConnection | None = None

    async def holds(self) -> bool:
        """True if this process should run the scheduled jobs now (trying to take over if free)."""
        if self.mode is not SchedulerMode.AUTO or self.db.backend != "postgresql":
            return self.mode is not SchedulerMode.OFF
        if self._connection is not None:
            try:
                await self._connection.execute(text("SELECT 1"))
                return True
            except Exception:
                log.warning("lost the scheduler lock's connection; trying again")
                self._connection = None
        connection = await self.db.engine.connect()
        got = await connection.scalar(text("SELECT pg_try_advisory_lock(:key)"), {"key": LOCK_KEY})
        if got:
            self._connection = connection
            log.info("this process now runs the scheduler")
            return True
        await connection.close()
        return False

    async def release(self) -> None:
        if self._connection is not None:
            await self._connection.close()  # closing the session releases the lock
            self._connection = None


async def holder_pid(db: Database) -> int | None:
    """The PostgreSQL backend pid holding the scheduler lock (for `natter status`)."""
    if db.backend != "postgresql":
        return None
    async with db.engine.connect() as connection:
        found = await connection.scalar(
            text(
                "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted "
                "AND ((classid::bigint << 32) | objid::bigint) = :key"
            ),
            {"key": LOCK_KEY},
        )
    return int(found) if found is not None else None
