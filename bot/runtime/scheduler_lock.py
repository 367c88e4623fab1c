"""Which process runs the scheduler when several webhook workers share one PostgreSQL.

`auto` takes a PostgreSQL advisory lock on a connection kept open for the process's life: the
holder runs the jobs; the others try again every few seconds, so when the holder dies (and its
connection with it) another takes over. On SQLite there is only ever one process.
"""

from __future__ import annotations

import enum
import logging

from storage import locks
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
        self._lock = locks.AdvisoryLock(db, LOCK_KEY)

    async def holds(self) -> bool:
        """True if this process should run the scheduled jobs now (trying to take over if free)."""
        if self.mode is not SchedulerMode.AUTO or self.db.backend != "postgresql":
            return self.mode is not SchedulerMode.OFF
        if self._lock.taken:
            if await self._lock.still_held():
                return True
            log.warning("lost the scheduler lock's connection; trying again")
        if await self._lock.try_take():
            log.info("this process now runs the scheduler")
            return True
        return False

    async def release(self) -> None:
        await self._lock.release()


async def holder_pid(db: Database) -> int | None:
    """The PostgreSQL backend pid holding the scheduler lock (for `natter status`)."""
    return await locks.holder(db, LOCK_KEY)
