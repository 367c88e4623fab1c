"""Loading millions of comments in minutes: the table's secondary indexes dropped during the
load and built again after it (one sort each instead of ten million random inserts), and on
SQLite one connection with load-only PRAGMAs (no foreign-key checks, no fsync, a big page
cache), big transactions and a checkpoint at the end; on PostgreSQL COPY.

The indexes built again are exactly the ones the migrations made (their own DDL, read back
from the database), so the plans measured afterwards are a deployment's plans.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator, Sequence
from typing import Any

from sqlalchemy import Table, text

from storage.db import Database

Row = dict[str, Any]
TRANSACTION_ROWS = 500_000  # SQLite: rows per transaction during a load


async def index_ddl(db: Database, table: str) -> dict[str, str]:
    """The table's own secondary indexes (name -> CREATE INDEX), not those of constraints."""
    async with db.engine.connect() as conn:
        if db.backend == "sqlite":
            rows = await conn.execute(
                text("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = :t "
                     "AND sql IS NOT NULL"),
                {"t": table},
            )  # fmt: skip
        else:
            rows = await conn.execute(
                text(
                    "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = :t "
                    "AND i.schemaname = current_schema() AND NOT EXISTS (SELECT 1 FROM "
                    "pg_constraint c WHERE c.conname = i.indexname)"
                ),
                {"t": table},
            )
        return {str(name): str(sql) for name, sql in rows.tuples()}


@contextlib.asynccontextmanager
async def indexes_dropped(db: Database, table: str) -> AsyncIterator[dict[str, str]]:
    """Drop `table`'s secondary indexes for the block; build them again after it."""
    ddl = await index_ddl(db, table)
    async with db.engine.begin() as conn:
        for name in ddl:
            await conn.execute(text(f'DROP INDEX "{name}"'))
    try:
        yield ddl
    finally:
        async with db.engine.begin() as conn:
            if db.backend == "postgresql":
                await conn.execute(text("SET LOCAL maintenance_work_mem = '512MB'"))
            for sql in ddl.values():
                await conn.execute(text(sql))


class Loader:
    """Rows into one table in big batches; `close` commits and tidies up.

    Rows are tuples in `columns` order holding what the driver takes: enums as their values and
    JSON already written as text. Only datetimes (aware UTC) are turned into SQLite's text here.
    """

    def __init__(self, db: Database, table: Table, columns: Sequence[str]) -> None:
        self.db, self.table, self.columns = db, table, list(columns)
        self.rows_in_transaction = 0
        self._conn: Any = None
        self._driver: Any = None
        self._pending: asyncio.Future[None] | None = None
        self._times = [i for i, c in enumerate(columns) if c in _TIME_COLUMNS]
        names = ", ".join(self.columns)
        marks = ", ".join("?" for _ in self.columns)
        self._statement = f"INSERT INTO {table.name} ({names}) VALUES ({marks})"

    async def open(self) -> None:
        self._conn = await self.db.engine.connect()
        raw = await self._conn.get_raw_connection()
        self._driver = raw.driver_connection
        if self.db.backend == "sqlite":
            for pragma in ("foreign_keys=OFF", "synchronous=OFF", "cache_size=-1000000"):
                await self._driver.execute(f"PRAGMA {pragma}")
            await self._driver.execute("BEGIN")

    async def add(self, rows: list[tuple[Any, ...]]) -> None:
        """Start writing `rows` and return: the next rows are made while the database (or
        aiosqlite's thread) stores these, on the other CPU."""
        await self.wait()
        if rows:
            self._pending = asyncio.ensure_future(self._write(rows))
            await asyncio.sleep(0)  # hand them over before going back to making rows

    async def wait(self) -> None:
        if self._pending is not None:
            pending, self._pending = self._pending, None
            await pending

    async def _write(self, rows: list[tuple[Any, ...]]) -> None:
        if self.db.backend == "postgresql":
            await self._driver.copy_records_to_table(
                self.table.name, records=rows, columns=self.columns
            )
            return
        times = self._times
        if times:
            rows = [_with_text_times(row, times) for row in rows]
        await self._driver.executemany(self._statement, rows)
        self.rows_in_transaction += len(rows)
        if self.rows_in_transaction >= TRANSACTION_ROWS:
            await self._driver.execute("COMMIT")
            await self._driver.execute("BEGIN")
            self.rows_in_transaction = 0

    async def close(self) -> None:
        await self.wait()
        if self.db.backend == "sqlite":
            await self._driver.execute("COMMIT")
            cursor = await self._driver.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            await cursor.close()
            # This connection's load-only PRAGMAs must not serve the bot: a fresh one will.
            await self._conn.invalidate()
        await self._conn.close()


_TIME_COLUMNS = frozenset({"created_at", "reviewed_at", "edited_at", "listened_at"})
SQLITE_TIME = "%Y-%m-%d %H:%M:%S.%f"  # as storage.types.UTCDateTime stores it on SQLite


def _with_text_times(row: tuple[Any, ...], times: Sequence[int]) -> tuple[Any, ...]:
    values = list(row)
    for i in times:
        if values[i] is not None:
            values[i] = values[i].strftime(SQLITE_TIME)  # already UTC
    return tuple(values)


def as_json(value: object) -> str | None:
    return None if value is None else json.dumps(value)
