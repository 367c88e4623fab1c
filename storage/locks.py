"""PostgreSQL advisory locks, each held on a connection of its own for as long as it is wanted.

A session-level advisory lock lives as long as the connection that took it: closing that
connection, or the process dying with it, lets the lock go, so another process can take it.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from storage.db import Database


class AdvisoryLock:
    """One advisory lock, named by a fixed 64-bit key that every process agrees on."""

    def __init__(self, db: Database, key: int) -> None:
        self.db, self.key = db, key
        self._connection: AsyncConnection | None = None

    @property
    def taken(self) -> bool:
        """True once this process took the lock (whether its connection still lives or not)."""
        return self._connection is not None

    async def still_held(self) -> bool:
        """Whether the connection holding the lock still answers; if not, the lock is gone."""
        if self._connection is None:
            return False
        try:
            await self._connection.execute(text("SELECT 1"))
            return True
        except Exception:
            self._connection = None
            return False

    async def try_take(self) -> bool:
        """Take the lock if no process holds it, without waiting."""
        connection = await self.db.engine.connect()
        got = await connection.scalar(text("SELECT pg_try_advisory_lock(:key)"), {"key": self.key})
        if got:
            self._connection = connection
            return True
        await connection.close()
        return False

    async def release(self) -> None:
        if self._connection is not None:
            # Ending the PostgreSQL session releases the lock. Invalidated, not only closed: a
            # closed connection goes back to the pool with its session, and the lock, still open.
            await self._connection.invalidate()
            await self._connection.close()
            self._connection = None


async def holder(db: Database, key: int) -> int | None:
    """The PostgreSQL backend pid holding the advisory lock `key`, if any (None on SQLite)."""
    if db.backend != "postgresql":
        return None
    async with db.engine.connect() as connection:
        found = await connection.scalar(
            text(
                "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted "
                "AND ((classid::bigint << 32) | objid::bigint) = :key"
            ),
            {"key": key},
        )
    return int(found) if found is not None else None
