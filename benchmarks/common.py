"""Helpers shared by the benchmarks: where the database lives, settings, and the statistics.

Every benchmark runs on a throwaway database: a SQLite file in a temporary directory, or on
PostgreSQL a database `natter_bench` made with CREATE DATABASE (or, if the role may not create
databases, a schema `natter_bench` in the given database). Both are removed afterwards; the
`public` schema of the test database is never touched.
"""

from __future__ import annotations

import argparse
import asyncio
import bisect
import contextlib
import os
import platform
import resource
import sqlite3
import sys
import tempfile
from collections.abc import AsyncIterator, Coroutine, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import asyncpg
from sqlalchemy.engine import URL, make_url

from bot.core.clock import Clock, SystemClock
from bot.core.deps import Deps
from bot.language import load_word_lists
from bot.runtime.root import Texts
from bot.runtime.settings import Settings, load_settings
from prompts import Prompts, load_prompts
from storage.db import Database
from storage.migrate import upgrade

TOKEN = "123456:TEST"
PSEUDONYM_KEY = "benchmark-pseudonym-key-0123456789abcdef"
TIMEZONE = "Europe/London"
DEFAULT_POSTGRES_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
# The database (or, failing that, schema) the benchmarks use; another name lets two runs share
# a server.
BENCH_NAME = os.environ.get("NATTER_BENCH_NAME", "natter_bench")
# Database URL -> the schema to put first on the search path (only when CREATE DATABASE failed).
_SEARCH_PATHS: dict[str, str] = {}


# --- settings and domain dependencies ----------------------------------------------------


def use_timedelta_durations() -> None:
    """As `natter` itself does (bot/cli/main.py): durations arrive as timedelta."""
    os.environ.setdefault("PTB_TIMEDELTA", "1")


@cache
def texts() -> Texts:
    """The shipped prompts and word lists, read once per run (as the composition root does)."""
    return Texts(load_prompts(), load_word_lists())


def prompts() -> Prompts:
    return texts().prompts


def settings(database_url: str, base_url: str | None = None) -> Settings:
    environ = {"DATABASE_URL": database_url, "TELEGRAM_BOT_TOKEN": TOKEN, "TIMEZONE": TIMEZONE}
    environ["PSEUDONYM_KEY"] = PSEUDONYM_KEY
    if base_url is not None:
        environ["TELEGRAM_BASE_URL"] = base_url
    return load_settings(env_file=None, environ=environ)


def deps(clock: Clock | None = None) -> Deps:
    key = PSEUDONYM_KEY.encode()
    return Deps(clock or SystemClock(), prompts(), ZoneInfo(TIMEZONE), texts().words, key)


# --- which databases to run on -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Target:
    """A backend to benchmark: `sqlite` (a temporary file) or a PostgreSQL server URL."""

    backend: str  # "sqlite" or "postgresql"
    server_url: str | None = None  # for PostgreSQL: where to connect for CREATE DATABASE

    @property
    def label(self) -> str:
        if self.server_url is None:
            return "sqlite"
        url = make_url(self.server_url)
        return f"postgresql ({url.host}:{url.port or 5432})"


def add_database_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--database-url",
        action="append",
        metavar="URL",
        help=(
            "'sqlite' (a temporary file) or a postgresql+asyncpg:// URL naming the server to use "
            f"(the benchmark creates and drops a database {BENCH_NAME!r} there). May be given "
            "more than once. Default: SQLite, and PostgreSQL at "
            f"{DEFAULT_POSTGRES_URL} if it is reachable."
        ),
    )


async def resolve_targets(urls: Sequence[str] | None) -> list[Target]:
    """The targets named on the command line, or SQLite plus PostgreSQL if reachable."""
    if not urls:
        found = [Target("sqlite")]
        if await postgres_reachable(DEFAULT_POSTGRES_URL):
            found.append(Target("postgresql", DEFAULT_POSTGRES_URL))
        else:
            print(f"(PostgreSQL at {DEFAULT_POSTGRES_URL} is not reachable: skipped)")
        return found
    targets = []
    for url in urls:
        if url == "sqlite" or url.startswith("sqlite"):
            targets.append(Target("sqlite"))
        elif make_url(url).get_backend_name() == "postgresql":
            targets.append(Target("postgresql", url))
        else:
            raise SystemExit(f"--database-url {url!r}: use 'sqlite' or a postgresql+asyncpg URL")
    return targets


def _asyncpg_kwargs(url: URL, database: str | None = None) -> dict[str, Any]:
    return {
        "host": url.host or "127.0.0.1",
        "port": url.port or 5432,
        "user": url.username or "postgres",
        "password": url.password,
        "database": database or url.database or "postgres",
    }


async def postgres_reachable(url: str) -> bool:
    try:
        conn = await asyncpg.connect(**_asyncpg_kwargs(make_url(url)), timeout=3)
    except (OSError, asyncpg.PostgresError, TimeoutError):
        return False
    await conn.close()
    return True


@contextlib.asynccontextmanager
async def open_database(target: Target, **engine_kwargs: Any) -> AsyncIterator[Database]:
    """A freshly migrated throwaway database; removed when the block ends."""
    if target.server_url is None:
        with tempfile.TemporaryDirectory(prefix="natter-bench-") as folder:
            db = Database(f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}", **engine_kwargs)
            try:
                await upgrade(db)
                yield db
            finally:
                await db.dispose()
        return
    async with _postgres_database(target.server_url, **engine_kwargs) as db:
        yield db


@contextlib.asynccontextmanager
async def _postgres_database(server_url: str, **engine_kwargs: Any) -> AsyncIterator[Database]:
    server = make_url(server_url)
    admin = await asyncpg.connect(**_asyncpg_kwargs(server))
    schema: str | None = None
    try:
        try:
            # A database left by a run that was killed is stale: start again.
            await admin.execute(f"DROP DATABASE IF EXISTS {BENCH_NAME} WITH (FORCE)")
            await admin.execute(f"CREATE DATABASE {BENCH_NAME}")
            url = server.set(database=BENCH_NAME)
        except asyncpg.InsufficientPrivilegeError:
            schema = BENCH_NAME  # a schema of our own in the given database, never `public`
            await admin.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
            await admin.execute(f"CREATE SCHEMA {schema}")
            url = server
            engine_kwargs = {
                **engine_kwargs,
                "connect_args": {"server_settings": {"search_path": schema}},
            }
        db = Database(url.render_as_string(hide_password=False), **engine_kwargs)
        if schema is not None:
            _SEARCH_PATHS[db.url] = schema
        try:
            await upgrade(db)
            yield db
        finally:
            await db.dispose()
    finally:
        if schema is None:
            await admin.execute(f"DROP DATABASE IF EXISTS {BENCH_NAME} WITH (FORCE)")
        else:
            await admin.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        await admin.close()


def search_path(url: str) -> str | None:
    """The schema a benchmark database lives in, when it is not a database of its own."""
    return _SEARCH_PATHS.get(url)


def reopen(url: str, schema: str | None = None, **engine_kwargs: Any) -> Database:
    """Another handle on a benchmark database (for a child process)."""
    if schema:
        engine_kwargs["connect_args"] = {"server_settings": {"search_path": schema}}
    return Database(url, **engine_kwargs)


# --- statistics ---------------------------------------------------------------------------


def percentile(ordered: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile of already sorted values (0 for none)."""
    if not ordered:
        return 0.0
    rank = max(1, min(len(ordered), round(fraction * len(ordered) + 0.5)))
    return ordered[rank - 1]


@dataclass(frozen=True, slots=True)
class Summary:
    count: int
    total: float
    mean: float
    p50: float
    p99: float
    max: float


def summarize(samples: Iterable[float]) -> Summary:
    ordered = sorted(samples)
    total = sum(ordered)
    count = len(ordered)
    return Summary(
        count=count,
        total=total,
        mean=total / count if count else 0.0,
        p50=percentile(ordered, 0.50),
        p99=percentile(ordered, 0.99),
        max=ordered[-1] if ordered else 0.0,
    )


def max_in_window(times: Iterable[float], window: float = 1.0) -> int:
    """The most events in any half-open interval [t, t + window)."""
    ordered = sorted(times)
    best = 0
    for i, start in enumerate(ordered):
        best = max(best, bisect.bisect_left(ordered, start + window, lo=i) - i)
    return best


# --- output -------------------------------------------------------------------------------


def title(text: str) -> None:
    print(f"\n== {text} ==", flush=True)


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    cells = [[str(h) for h in headers], *[[_cell(v) for v in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    for n, row in enumerate(cells):
        print(
            "  ".join(
                c.rjust(w) if i else c.ljust(w)
                for i, (c, w) in enumerate(zip(row, widths, strict=True))
            )
        )
        if n == 0:
            print("  ".join("-" * w for w in widths))
    sys.stdout.flush()


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:,.2f}" if value < 1000 else f"{value:,.0f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def ms(seconds: float) -> float:
    return seconds * 1000.0


def verdict(met: bool) -> str:
    return "MET" if met else "NOT MET"


def maxrss_mb() -> float:
    """This process's peak resident set size so far, in MiB.

    Linux's VmHWM, because getrusage's ru_maxrss survives execve: a child started by a big
    parent would report the parent's peak. ru_maxrss elsewhere.
    """
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def pin_to_cpu(cpu: int | None) -> str:
    """Run this process (and threads it starts later) on one CPU; returns a description."""
    if cpu is None or cpu < 0 or not hasattr(os, "sched_setaffinity"):
        return "not pinned"
    os.sched_setaffinity(0, {cpu})
    return f"pinned to CPU {cpu}"


def machine_line() -> str:
    return (
        f"{platform.python_implementation()} {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}, {os.cpu_count()} CPUs, "
        f"load {' '.join(f'{x:.2f}' for x in os.getloadavg())}, "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC"
    )


def run(main: Coroutine[Any, Any, None]) -> None:
    """asyncio.run with the timedelta setting natter uses."""
    use_timedelta_durations()
    asyncio.run(main)
