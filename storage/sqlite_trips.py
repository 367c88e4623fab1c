"""Fewer trips to aiosqlite's thread: none for an update's own small statements.

aiosqlite runs every sqlite3 call in a thread of its own, and SQLAlchemy's adapter makes four
trips there for each statement (open a cursor, execute, fetch, close). Each trip is a hand-off
between threads and back, which costs far more than the statement: a stored comment took ten
trips, about 0.1 ms each, where its two statements take 0.01 ms.

So, on SQLite:
- every statement is one trip (execute, fetch and close together), and the transaction's BEGIN
  waits to go with its first statement;
- in a unit of work for one update (marked INLINE by `Database.run`), statements run on the
  event loop's thread with no trip at all. They are a few rows each, and once BEGIN IMMEDIATE
  holds the write lock nothing can make them wait (WAL readers never block the writer). BEGIN
  itself is tried there without waiting; if another process holds the lock, it goes to the
  thread, which waits out the busy timeout without holding up the event loop. Its COMMIT goes
  there too: with synchronous=NORMAL a WAL commit only appends to the log (no sync to disk).
  Jobs, which may touch many rows (retention, planning), and every read-only transaction keep
  to the thread;
- the checkpoint, which copies the log into the database file and syncs it, is not left to
  SQLite's automatic one (which runs in whichever COMMIT crosses its size, perhaps on the event
  loop's thread): every CHECKPOINT_EVERY-th commit goes to the thread and checkpoints there
  after committing (PASSIVE, as the automatic one does).

The BEGIN waits on the connection's `info` until a statement goes; a transaction that never runs
one sends nothing (sqlite3's commit and rollback do nothing when none is open). The aiosqlite
internals used here (`_execute`, `_conn`) are the ones SQLAlchemy's own adapter uses; the
connection is opened with `check_same_thread=False` so the loop's thread may use it while the
driver's thread is idle (a connection serves one transaction at a time).
"""

from __future__ import annotations

import sqlite3
from collections import deque
from dataclasses import dataclass
from typing import Any

import aiosqlite
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.util import await_only

# An execution option: this transaction's statements may run on the event loop's thread.
INLINE = "natter_inline"
_PENDING_BEGIN = "natter_pending_begin"
_ON_LOOP = "natter_on_loop"
# An update's commit writes a handful of pages: this many keep the log near the size SQLite's
# automatic checkpoint keeps it to (1,000 pages).
CHECKPOINT_EVERY = 200
# Set on each connection: checkpoints are this module's (see `Trips._commit`).
NO_AUTOMATIC_CHECKPOINT = "PRAGMA wal_autocheckpoint=0"


@dataclass(frozen=True, slots=True)
class _Done:
    """What a statement left behind, for SQLAlchemy's cursor."""

    description: Any
    rows: list[Any]
    rowcount: int
    lastrowid: int | None


def _run(conn: sqlite3.Connection, begin: str | None, sql: str, params: Any) -> _Done:
    if begin is not None:
        conn.execute(begin)
    cursor = conn.cursor()
    try:
        cursor.execute(sql, params)
        if cursor.description:
            return _Done(cursor.description, cursor.fetchall(), -1, -1)
        return _Done(None, [], cursor.rowcount, cursor.lastrowid)
    finally:
        cursor.close()


async def _ready(done: _Done) -> _Done:
    return done


def _commit(conn: sqlite3.Connection, checkpoint: bool) -> None:
    conn.commit()
    if checkpoint:
        conn.execute("PRAGMA wal_checkpoint(PASSIVE)").close()


class Trips:
    """The listeners that route an SQLite engine's statements (see the module's docstring)."""

    def __init__(self, busy_timeout_ms: int) -> None:
        self.busy_timeout_ms = busy_timeout_ms
        self._commits = 0

    def install(self, engine: Engine) -> None:
        """On the sync side of an async SQLite engine."""
        event.listen(engine, "commit", self._before_commit)
        event.listen(engine, "rollback", self._end_of_transaction)
        setattr(engine.dialect, "do_commit", self._commit)  # noqa: B010 (this engine's only)
        event.listen(engine.dialect, "do_execute", self._execute)
        event.listen(engine.dialect, "do_execute_no_params", self._execute_no_params)

    @staticmethod
    def connect_args() -> dict[str, Any]:
        return {"check_same_thread": False}

    @staticmethod
    def begin_with_next_statement(connection: Any, begin: str) -> bool:
        """Hold `begin` back to go with the transaction's first statement. False when the
        driver is not aiosqlite (the caller then sends it itself)."""
        if not isinstance(connection.connection.driver_connection, aiosqlite.Connection):
            return False
        inline = bool(connection.get_execution_options().get(INLINE))
        connection.info[_PENDING_BEGIN] = (begin, inline)
        return True

    @staticmethod
    def _before_commit(connection: Any) -> None:
        connection.info.pop(_PENDING_BEGIN, None)  # where it ran, `_commit` reads then clears

    @staticmethod
    def _end_of_transaction(connection: Any) -> None:
        connection.info.pop(_PENDING_BEGIN, None)
        connection.info.pop(_ON_LOOP, None)

    def _commit(self, fairy: Any) -> None:
        """The dialect's commit: on the loop's thread after statements that ran there, else
        (and every CHECKPOINT_EVERY-th time, then checkpointing) in the driver's thread."""
        on_loop = fairy.info.pop(_ON_LOOP, False)
        adapted = fairy.dbapi_connection
        driver = getattr(adapted, "_connection", None)
        if not isinstance(driver, aiosqlite.Connection):
            fairy.commit()
            return
        self._commits += 1
        checkpoint = self._commits % CHECKPOINT_EVERY == 0
        try:
            if on_loop and not checkpoint:
                driver._conn.commit()
            else:
                runner: Any = driver  # aiosqlite's queue to its thread is untyped
                await_only(runner._execute(_commit, driver._conn, checkpoint))
        except Exception as error:
            adapted._handle_exception(error)  # raises SQLAlchemy's kind
            raise

    def _execute(self, cursor: Any, statement: str, parameters: Any, context: Any) -> bool:
        driver = getattr(cursor, "_connection", None)
        if not isinstance(driver, aiosqlite.Connection) or getattr(cursor, "server_side", False):
            return False  # SQLAlchemy's own way
        info = context.root_connection.info
        begin, inline = info.pop(_PENDING_BEGIN, (None, False))
        try:
            conn = driver._conn
            if begin is not None and inline and self._begin_here(conn, begin):
                info[_ON_LOOP] = True
                begin = None
            if begin is None and info.get(_ON_LOOP):
                # SQLAlchemy insists that an execution awaits something: an awaitable that is
                # already done costs a switch of greenlets, not a turn of the event loop.
                done = await_only(_ready(_run(conn, None, statement, parameters)))
            else:
                runner: Any = driver  # aiosqlite's queue to its thread is untyped
                done = await_only(runner._execute(_run, conn, begin, statement, parameters))
        except Exception as error:
            cursor._adapt_connection._handle_exception(error)  # raises SQLAlchemy's kind
            raise
        cursor.description = done.description
        cursor._rows = deque(done.rows)
        cursor.rowcount = done.rowcount
        cursor.lastrowid = done.lastrowid
        return True

    def _execute_no_params(self, cursor: Any, statement: str, context: Any) -> bool:
        return self._execute(cursor, statement, (), context)

    def _begin_here(self, conn: sqlite3.Connection, begin: str) -> bool:
        """BEGIN on this thread if the write lock is free now; False if someone holds it."""
        conn.execute("PRAGMA busy_timeout=0")
        try:
            conn.execute(begin)
        except sqlite3.OperationalError as err:
            if "locked" in str(err) or "busy" in str(err):
                return False
            raise
        finally:
            conn.execute(f"PRAGMA busy_timeout={self.busy_timeout_ms}")
        return True
