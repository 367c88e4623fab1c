"""Engine and unit of work. One transaction per update or job; repositories only flush."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any, TypeVar

from sqlalchemy import event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from storage import idle_ping, purge
from storage.purge import Purge
from storage.sqlite_trips import INLINE, NO_AUTOMATIC_CHECKPOINT, Trips

SQLITE_BUSY_TIMEOUT_MS = 5000
# How long Database.run keeps trying (about 15 s in all): a PostgreSQL restart, or a lock
# held a little longer than the busy timeout, without losing the message in hand.
RETRY_DELAYS = (0.2, 0.5, 1.0, 2.0, 4.0, 8.0)
# Connection failures (SQLSTATE class 08) and the server shutting down or starting (class 57).
TRANSIENT_SQLSTATE_CLASSES = ("08", "57")
# The class key of the per-chat lock ("NATT"). Two-int advisory locks have a key space of their
# own, apart from the one-bigint scheduler lock (storage/locks.py).
CHAT_LOCK_CLASS = 0x4E415454
T = TypeVar("T")
log = logging.getLogger(__name__)


def is_transient(err: BaseException) -> bool:
    """True for "could not reach the database", false for "the work itself is wrong"."""
    if isinstance(err, OSError):  # connection refused while the server restarts
        return True
    if isinstance(err, DBAPIError) and err.connection_invalidated:
        return True
    # The driver's own error: wrapped by SQLAlchemy, or bare from BEGIN (see _sqlite_begin).
    cause = err.orig if isinstance(err, DBAPIError) else err
    code = str(getattr(cause, "sqlstate", None) or "")
    return code[:2] in TRANSIENT_SQLSTATE_CLASSES or "database is locked" in str(cause)


# An execution option marking a transaction that only reads (see Database.reading).
READ_ONLY = "natter_read_only"


def create_engine(url: str, **kwargs: Any) -> AsyncEngine:
    """An engine with the settings each backend needs (WAL and foreign keys on SQLite)."""
    # A database error's message would otherwise carry the statement's parameters, which
    # can be what someone said, into the logs.
    kwargs.setdefault("hide_parameters", True)
    if make_url(url).get_backend_name() == "sqlite":
        # Every transaction here ends in COMMIT or ROLLBACK (Database.transaction and
        # .reading), so the pool's own ROLLBACK on return is a wasted trip to the driver's
        # thread on every message.
        kwargs.setdefault("pool_reset_on_return", None)
        kwargs["connect_args"] = {**Trips.connect_args(), **kwargs.get("connect_args", {})}
        engine = create_async_engine(url, **kwargs)
        event.listen(engine.sync_engine, "connect", _sqlite_on_connect)
        event.listen(engine.sync_engine, "begin", _sqlite_begin)
        Trips(SQLITE_BUSY_TIMEOUT_MS).install(engine.sync_engine)
        return engine
    # A restarted PostgreSQL leaves dead connections in the pool: those idle a while are
    # tested on checkout (storage/idle_ping.py), not every one every time.
    engine = create_async_engine(url, **kwargs)
    if not kwargs.get("pool_pre_ping"):
        idle_ping.install(engine.sync_engine)
    return engine


def _sqlite_begin(connection: Any) -> None:
    # A reader never takes the write lock, so a long digest build never holds up incoming
    # messages (WAL gives it a steady snapshot while others commit). A writer takes the lock
    # at the start: two processes that both read and then write would otherwise fail with
    # "database is locked" instead of waiting their turn.
    begin = "BEGIN DEFERRED" if connection.get_execution_options().get(READ_ONLY) else None
    begin = begin or "BEGIN IMMEDIATE"
    if not Trips.begin_with_next_statement(connection, begin):
        connection.exec_driver_sql(begin)


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event, not the driver, start transactions (see _sqlite_begin).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    # WAL lets readers run while one writer commits; the busy timeout waits out a short lock
    # instead of failing; foreign keys are off by default in SQLite and erasure relies on cascades;
    # secure_delete zeroes what a delete or update frees, so erased words leave the file too.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(NO_AUTOMATIC_CHECKPOINT)
    cursor.close()


async def take_chat_turn(session: AsyncSession, chat: int) -> None:
    """Wait for `chat`'s advisory lock; it goes with the transaction (commit or rollback)."""
    await session.execute(
        text("SELECT pg_advisory_xact_lock(:kind, :chat)"),
        {"kind": CHAT_LOCK_CLASS, "chat": chat_lock_key(chat)},
    )


def chat_lock_key(chat: int) -> int:
    """A chat id (up to 52 bits) folded into the lock's 32-bit signed half. Two chats that
    fold alike only take turns with each other now and then; nothing goes wrong."""
    folded = (chat ^ (chat >> 32)) & 0xFFFFFFFF
    return folded - (1 << 32) if folded >= 1 << 31 else folded


class TurnLock:
    """First come, first served; the task holding it may take it again (a unit of work opened
    inside another, as some tests do, before the outer one has touched the database)."""

    def __init__(self) -> None:
        self._lock = asyncio.Lock()
        self._owner: asyncio.Task[Any] | None = None

    @asynccontextmanager
    async def held(self) -> AsyncIterator[None]:
        me = asyncio.current_task()
        if me is not None and me is self._owner:
            yield
            return
        async with self._lock:
            self._owner = me
            try:
                yield
            finally:
                self._owner = None


class Database:
    """Owns the engine; hands out one transaction at a time to whoever does the work."""

    def __init__(self, url: str, **engine_kwargs: Any) -> None:
        self.url = url
        self.engine = create_engine(url, **engine_kwargs)
        self._sessions = async_sessionmaker(self.engine, expire_on_commit=False)
        # An update's unit of work touches a few rows: on SQLite it runs on the event loop's
        # thread once it holds the write lock (storage/sqlite_trips.py).
        units = self.engine.execution_options(**{INLINE: True})
        self._units = async_sessionmaker(units, expire_on_commit=False)
        self._writers = TurnLock() if self.backend == "sqlite" else None
        # A reader sees one steady snapshot from its first read (SQLite's WAL gives that
        # anyway), so a digest's counts agree with each other while messages keep arriving.
        snapshot = {"isolation_level": "REPEATABLE READ", "postgresql_readonly": True}
        options = {READ_ONLY: True, **(snapshot if self.backend == "postgresql" else {})}
        reader = self.engine.execution_options(**options)
        self._readers = async_sessionmaker(reader, expire_on_commit=False)
        # How cleaning up after the last erasure went (see purge), for the CLI to report.
        self.last_purge: Purge | None = None

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    @asynccontextmanager
    async def transaction(self, *, small: bool = False) -> AsyncIterator[AsyncSession]:
        """Commit if the block finishes, roll back if it raises; then, if the block erased
        something (storage.purge.request), clean up after it in the files. `small`: a unit of
        work for one update (a few rows), which SQLite may run without a trip to its driver's
        thread (storage/sqlite_trips.py)."""
        sessions = self._units if small else self._sessions
        if self._writers is None:
            async with sessions() as session, session.begin():
                yield session
        else:
            # SQLite has one writer at a time and its busy handler only polls, so a process
            # that writes in a steady stream (planning thousands of check-ins) could starve
            # another writer past the busy timeout. Within the process, writers take turns
            # here, first come first served; the busy timeout is left for other processes.
            async with self._writers.held(), sessions() as session, session.begin():
                yield session
        tables = purge.requested(session)
        if tables is not None:
            await self.purge(tables)

    async def purge(self, tables: frozenset[str] = frozenset()) -> Purge:
        """Make what was deleted leave the files: SQLite's write-ahead log emptied, PostgreSQL's
        `tables` vacuumed. After a commit, outside any transaction; never raises (the erasure
        has committed, and must not be done twice), but says how it went (`last_purge`)."""
        try:
            if self.backend == "sqlite":
                done = await purge.checkpoint(self.engine, SQLITE_BUSY_TIMEOUT_MS)
            else:
                done = await purge.vacuum(self.engine, tables)
        except Exception as err:  # the database's problem, reported by its type only
            log.warning("cleaning up after an erasure failed (%s)", type(err).__name__)
            done = Purge(done=False)
        self.last_purge = done
        return done

    @asynccontextmanager
    async def reading(self) -> AsyncIterator[AsyncSession]:
        """A transaction that only reads: on SQLite it takes no write lock, so it may run long."""
        async with self._readers() as session, session.begin():
            yield session

    async def run(self, work: Callable[[AsyncSession], Awaitable[T]], chat: int | None = None) -> T:
        """`work` in one transaction, tried again while the database is briefly unreachable
        (PostgreSQL restarting, SQLite's write lock held past the busy timeout).

        With `chat`, the work is that chat's turn: on PostgreSQL it first takes the chat's
        advisory lock, held until the transaction ends, so two webhook workers handed updates
        of one chat handle them one at a time (within a process, handlers/ordering.py already
        does). SQLite needs none: a writer takes the one write lock at BEGIN (_sqlite_begin).

        Safe to repeat because a failed try committed nothing, and a try that failed in COMMIT
        itself is caught the second time by the unique keys (a message is stored once).
        """
        for attempt in range(1, len(RETRY_DELAYS) + 2):
            try:
                async with self.transaction(small=True) as session:
                    if chat is not None and self.backend == "postgresql":
                        await take_chat_turn(session, chat)
                    return await work(session)
            except (DBAPIError, OSError, sqlite3.OperationalError) as err:
                if attempt > len(RETRY_DELAYS) or not is_transient(err):
                    raise
                cause = type(getattr(err, "orig", None) or err).__name__  # never the SQL
                log.warning("database unavailable (try %d: %s); trying again", attempt, cause)
                await asyncio.sleep(RETRY_DELAYS[attempt - 1])
        raise AssertionError("unreachable")

    async def healthy(self) -> bool:
        """Whether the database answers a trivial query now (the webhook's /healthz)."""
        try:
            async with self.engine.connect() as connection:
                await connection.execute(text("SELECT 1"))
        except Exception:
            return False
        return True

    async def dispose(self) -> None:
        await self.engine.dispose()
