"""Ingest: participant text messages through the real Application, one update at a time.

Every message comes from a participant of one seeded project, so each stores a comment and
commits, then gets the "thank you" reply through an in-memory Bot API (benchmarks.offline).
Per-update latency is measured around `Application.process_update`, which is what
python-telegram-bot's updater calls for each update (one at a time: Natter does not turn on
concurrent updates). The same updates go through three plain python-telegram-bot baselines
(benchmarks/baselines.py): an echo bot (one MessageHandler, no database), a storing bot
that stores each message with one SQLAlchemy Core INSERT, commits and replies once, on each
database Natter runs on, and a reading bot: the storing bot reading each message first with
Natter's own readers, as issues 13 and 15 require. The goal is at least the storing baseline's
throughput; beside the reading bot, what is left is what Natter's house costs.

    python -m benchmarks.ingest [--count 20000] [--database-url URL ...] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
from collections.abc import Sequence
from pathlib import Path

if not __package__:  # run as `python benchmarks/ingest.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, select

from benchmarks import baselines, common, data, plans
from benchmarks.feeding import HEADERS, Errors, Result, feed
from benchmarks.offline import OfflineRequest
from benchmarks.updates import Participants, check_no_concerns, offline_builder
from bot.runtime.app import build_application
from bot.runtime.root import compose
from handlers.context import NatterApp
from storage.db import Database
from storage.models import Comment

GOAL_RATE = 800.0  # updates a second, SQLite, one core
GOAL_P99 = 0.010  # seconds
BURST = 30  # AIORateLimiter's overall limiter lets this many through at once


async def seed(db: Database, projects: int, people: int) -> list[data.Member]:
    """Participants, each of one project, so every message is stored at once."""
    project_ids = await data.add_projects(db, projects)
    return await data.People().add(db, project_ids, max(1, people // projects))


async def natter_app(db: Database, request: OfflineRequest, *, capped: bool) -> NatterApp:
    settings = common.settings(db.url)
    builder = offline_builder(request, capped=capped)
    return build_application(builder, compose(settings, common.texts(), db=db))


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
            with plans.counting(db.engine) as tally:
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


def compare_with_storing(results: Sequence[Result], target: common.Target) -> None:
    """Natter beside the storing baselines of the same database and run."""
    by_label = {r.label: r for r in results}
    natter = by_label.get(f"natter, {target.label}")
    for name in (baselines.STORING, baselines.READING):
        storing = by_label.get(f"{name}, {target.label}")
        if natter is None or storing is None:
            continue
        ratio = natter.rate / storing.rate if storing.rate else 0.0
        # Per CPU-second moves less with the machine's other load than the wall-clock rate does.
        per_cpu = (natter.count / natter.cpu) / (storing.count / storing.cpu)
        print(
            f"{target.label}: natter {natter.rate:.0f}/s, {name} {storing.rate:.0f}/s "
            f"(natter / baseline = {ratio:.2f}; per CPU-second {per_cpu:.2f}); goal: at least "
            f"the baseline's throughput: {common.verdict(ratio >= 1.0)}"
        )


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
    results = [await baselines.echo_run(args.count, warmup)]
    for target in targets:
        results.append(await baselines.storing_run(target, args.count, warmup))
        results.append(await baselines.storing_run(target, args.count, warmup, reading=True))
        results.append(await natter_run(target, args.count, warmup, args))
    if args.capped_count:
        sqlite = common.Target("sqlite")
        results.append(await natter_run(sqlite, args.capped_count, 0, args, capped=True))
    common.table(HEADERS, [r.row() for r in results])
    baseline = results[0]
    print()
    for result in results[1:]:
        print(f"{result.label}: {result.rate / baseline.rate:.1%} of the echo bot's throughput")
    for target in targets:
        compare_with_storing(results, target)
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
