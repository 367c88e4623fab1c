"""Query plans of the statements a piece of code really runs (EXPLAIN on the captured SQL).

The statements are captured from the engine as the repository functions run, so the plans are
of exactly the SQL the bot sends, with the same parameters.
"""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from storage.db import Database

Work = Callable[[AsyncSession], Awaitable[object]]


@dataclass
class Tally:
    statements: int = 0


@contextlib.contextmanager
def counting(engine: AsyncEngine) -> Iterator[Tally]:
    """Count the SQL statements sent while the block runs (BEGIN and COMMIT not included)."""
    tally = Tally()

    def before(
        _conn: Any, _cursor: Any, statement: str, _parameters: Any, _context: Any, _many: bool
    ) -> None:
        if not statement.startswith("BEGIN"):
            tally.statements += 1

    event.listen(engine.sync_engine, "before_cursor_execute", before)
    try:
        yield tally
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", before)


async def capture(db: Database, work: Work) -> list[tuple[str, Any]]:
    """The SELECT statements `work` sends, with their parameters, in order."""
    seen: list[tuple[str, Any]] = []

    def before(
        _conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool
    ) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append((statement, parameters))

    event.listen(db.engine.sync_engine, "before_cursor_execute", before)
    try:
        async with db.reading() as session:  # the work explained here only reads, as digests do
            await work(session)
    finally:
        event.remove(db.engine.sync_engine, "before_cursor_execute", before)
    return seen


async def plan_lines(db: Database, statement: str, parameters: Any) -> list[str]:
    """EXPLAIN QUERY PLAN on SQLite; EXPLAIN ANALYZE (real timings) on PostgreSQL."""
    sqlite = db.backend == "sqlite"
    prefix = "EXPLAIN QUERY PLAN " if sqlite else "EXPLAIN (ANALYZE, BUFFERS) "
    async with db.engine.connect() as conn:
        rows = (await conn.exec_driver_sql(prefix + statement, parameters)).all()
    if not sqlite:
        return [str(row[0]) for row in rows]
    depth: dict[int, int] = {0: -1}
    lines = []
    for node, parent, _unused, detail in rows:
        depth[node] = depth.get(parent, -1) + 1
        lines.append("  " * depth[node] + str(detail))
    return lines


def full_scans(lines: list[str]) -> list[str]:
    """The plan's lines that read a whole table, not through an index (SQLite's "SCAN t" with
    no index named, but not a table-valued function such as json_each; PostgreSQL's "Seq
    Scan")."""
    return [
        line.strip()
        for line in lines
        if "Seq Scan" in line
        or (
            line.strip().startswith("SCAN ")
            and not any(word in line for word in ("USING", "CONSTANT", "VIRTUAL TABLE"))
        )
    ]


async def explain(db: Database, name: str, work: Work) -> list[str]:
    """Print the plan of each query `work` sends; returns the full scans found in them."""
    scans: list[str] = []
    for number, (statement, parameters) in enumerate(await capture(db, work), start=1):
        label = name + (f" (query {number})" if number > 1 else "")
        print(f"\n-- {label}")
        print("   " + " ".join(statement.split())[:400])
        lines = await plan_lines(db, statement, parameters)
        for line in lines:
            print(f"   | {line}")
        scans += [f"{label}: {scan}" for scan in full_scans(lines)]
    return scans
