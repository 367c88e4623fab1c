"""Ingest: participant text messages through the real Application, one update at a time.

Every message comes from a participant of one seeded project, so each stores a comment and
commits, then gets the "thank you" reply through an in-memory Bot API (benchmarks.offline).
Per-update latency is measured around `Application.process_update`, which is what
python-telegram-bot's updater calls for each update (one at a time: Natter does not turn on
concurrent updates). The same updates go through a plain python-telegram-bot echo bot (one
MessageHandler, no database) as the baseline.

    python -m benchmarks.ingest [--count 20000] [--database-url URL ...] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import pstats
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

if not __package__:  # run as `python benchmarks/ingest.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, select
from telegram import Update
from telegram.ext import Application, ApplicationBuilder, ContextTypes, MessageHandler, filters

from benchmarks import common, data, plans
from benchmarks.offline import OfflineRequest
from benchmarks.updates import Participants, check_no_concerns, offline_builder
from bot.runtime.app import build_application
from bot.runtime.root import compose
from handlers.context import Context, NatterApp
from storage.db import Database
from storage.models import Comment

GOAL_RATE = 800.0  # updates a second, SQLite, one core
GOAL_P99 = 0.010  # seconds
BURST = 30  # AIORateLimiter's overall limiter lets this many through at once


@dataclass(frozen=True, slots=True)
class Result:
    label: str
    count: int
    wall: float
    cpu: float  # this process's CPU seconds, all threads
    latencies: list[float]
    errors: int = 0
    statements: float = 0.0  # SQL statements per update

    @property
    def rate(self) -> float:
        return self.count / self.wall if self.wall else 0.0

    def row(self) -> list[object]:
        s = common.summarize(self.latencies)
        return [
            self.label, self.count, round(self.rate), common.ms(s.p50), common.ms(s.p99),
            common.ms(s.max), common.ms(self.cpu / self.count), round(self.count / self.cpu),
            self.errors, f"{self.statements:.1f}" if self.statements else "-",
        ]  # fmt: skip


HEADERS = [
    "run", "updates", "updates/s", "p50 ms", "p99 ms", "max ms", "CPU ms/update",
    "per CPU-second", "errors", "SQL/update",
]  # fmt: skip


@dataclass(frozen=True, slots=True)
class Fed:
    wall: float
    cpu: float
    latencies: list[float]


async def feed(app: Application, updates: Sequence[Update]) -> Fed:  # type: ignore[type-arg]
    """Process the updates one after another, timing each."""
    latencies = []
    gc.collect()
    clock = time.perf_counter
    cpu = time.process_time()
    started = clock()
    for update in updates:
        t0 = clock()
        await app.process_update(update)
        latencies.append(clock() - t0)
    return Fed(clock() - started, time.process_time() - cpu, latencies)


async def echo(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.message
    assert message is not None and message.text is not None
    await message.reply_text(message.text)


async def echo_run(count: int, warmup: int) -> Result:
    """The baseline: a plain echo bot through the same offline request."""
    request = OfflineRequest()
    app = (
        ApplicationBuilder()
        .token(common.TOKEN)
        .request(request)
        .get_updates_request(OfflineRequest())
        .build()
    )
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    members = [data.Member(i, 90_000_000 + i, 1, "") for i in range(1, 2001)]
    source = Participants(members)
    async with app:
        await feed(app, source.updates(app.bot, warmup))
        fed = await feed(app, source.updates(app.bot, count))
    assert request.calls["sendMessage"] == warmup + count, request.calls
    return Result("echo bot (no database)", count, fed.wall, fed.cpu, fed.latencies)


async def seed(db: Database, projects: int, people: int) -> list[data.Member]:
    """Participants, each of one project, so every message is stored at once."""
    project_ids = await data.add_projects(db, projects)
    return await data.People().add(db, project_ids, max(1, people // projects))


async def natter_app(db: Database, request: OfflineRequest, *, capped: bool) -> NatterApp:
    settings = common.settings(db.url)
    builder = offline_builder(request, capped=capped)
    return build_application(builder, compose(settings, common.texts(), db=db))


class Errors:
    def __init__(self) -> None:
        self.seen: list[BaseException] = []

    async def __call__(self, _update: object, context: Context) -> None:
        if context.error is not None:
            self.seen.append(context.error)


async def natter_run(
    target: common.Target,
    count: int,
    warmup: int,
    args: argparse.Namespace,
    *,
    capped: bool = False,
    profile: cProfile.Profile | None = None,
) -> Result:
    async with common.open_database(target) as db:
        members = await seed(db, args.projects, args.people)
        request = OfflineRequest()
        app = await natter_app(db, request, capped=capped)
        errors = Errors()
        app.add_error_handler(errors)
        source = Participants(members)
        async with app:
            with plans.counting(db) as tally:
                await feed(app, source.updates(app.bot, warmup))
            updates = source.updates(app.bot, count)
            if profile is not None:
                profile.enable()
            fed = await feed(app, updates)
            if profile is not None:
                profile.disable()
        async with db.transaction() as session:
            stored = await session.scalar(select(func.count()).select_from(Comment))
        if stored != warmup + count or errors.seen:
            print(f"!! {target.label}: {stored} comments stored, errors: {errors.seen[:3]!r}")
        label = f"natter, {target.label}" + (", as wired (30/s cap)" if capped else "")
        statements = tally.statements / warmup if warmup else 0.0
        return Result(label, count, fed.wall, fed.cpu, fed.latencies, len(errors.seen), statements)


def print_profile(profile: cProfile.Profile, lines: int = 25) -> None:
    """The top functions by own time, then Natter's own functions by cumulative time."""
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out)
    stats.sort_stats("tottime").print_stats(lines)
    stats.sort_stats("cumulative").print_stats(r"/(bot|handlers|storage)/", lines)
    print(out.getvalue())


async def main(args: argparse.Namespace) -> None:
    print(f"machine: {common.machine_line()}; {common.pin_to_cpu(args.cpu)}")
    targets = await common.resolve_targets(args.database_url)
    check_no_concerns(common.deps())
    warmup = min(500, max(1, args.count // 10))
    common.title(
        f"ingest: {args.count:,} participant text messages ({warmup} more first as warm-up), "
        f"{args.people:,} people in {args.projects} projects"
    )
    results = [await echo_run(args.count, warmup)]
    for target in targets:
        results.append(await natter_run(target, args.count, warmup, args))
    if args.capped_count:
        sqlite = common.Target("sqlite")
        results.append(await natter_run(sqlite, args.capped_count, 0, args, capped=True))
    common.table(HEADERS, [r.row() for r in results])
    baseline = results[0]
    print()
    for result in results[1:]:
        print(f"{result.label}: {result.rate / baseline.rate:.1%} of the echo bot's throughput")
    for result in results:
        if result.label.endswith("(30/s cap)") and result.count > 2 * BURST:
            steady = result.latencies[BURST:]
            print(
                f"{result.label}: after the limiter's first {BURST} replies, "
                f"{len(steady) / sum(steady):.1f} updates/s"
            )
    sqlite_run = next((r for r in results[1:] if r.label == "natter, sqlite"), None)
    if sqlite_run is not None:
        p99 = common.summarize(sqlite_run.latencies).p99
        print(
            f"goal on SQLite: >= {GOAL_RATE:.0f} updates/s: "
            f"{common.verdict(sqlite_run.rate >= GOAL_RATE)} ({sqlite_run.rate:.0f}); "
            f"p99 < {common.ms(GOAL_P99):.0f} ms: {common.verdict(p99 < GOAL_P99)} "
            f"({common.ms(p99):.1f} ms)"
        )
    if args.profile:
        count = min(args.count, 5000)
        common.title(f"cProfile of {count:,} updates on SQLite (by own time)")
        profile = cProfile.Profile()
        await natter_run(common.Target("sqlite"), count, warmup, args, profile=profile)
        print_profile(profile)


def parse(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.ingest", description=__doc__)
    parser.add_argument("--count", type=int, default=20_000, help="messages to time")
    parser.add_argument("--people", type=int, default=2_000, help="participants sending them")
    parser.add_argument("--projects", type=int, default=20)
    parser.add_argument(
        "--capped-count",
        type=int,
        default=200,
        help="messages for a short run with the rate limiter as wired (0: skip)",
    )
    parser.add_argument("--cpu", type=int, default=0, help="CPU to pin to (-1: do not pin)")
    parser.add_argument("--profile", action="store_true", help="also print a cProfile")
    common.add_database_argument(parser)
    return parser.parse_args(argv)


if __name__ == "__main__":
    common.run(main(parse()))
