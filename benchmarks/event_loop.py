"""Event-loop stalls: steady ingest and a big project's digest build, together in one process.

A ticker task sleeps 5 ms at a time and records how late it wakes: that lateness is how long
something held the event loop. Meanwhile participant messages go through the real Application
at a steady `--rate` (default 100 a second), and after `--lead` seconds the week's digest for
one big project (`--project-comments` comments in the week, default 20,000) is built as
planning builds it (`bot.digests.build_due`: every due digest read in one read-only
transaction, rendered in a worker thread). The figures are split
into before/after and during the build. Then the build's synchronous stretches are timed on
their own, to name what holds the loop.

    python -m benchmarks.event_loop [--project-comments 20000] [--rate 100] [--database-url URL]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

if not __package__:  # run as `python benchmarks/event_loop.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import common, data
from benchmarks.digest_build import WEEK_ENDS, period
from benchmarks.feeding import Errors
from benchmarks.ingest import natter_app
from benchmarks.offline import OfflineRequest
from benchmarks.updates import Participants, check_no_concerns
from bot.digests.building import render_project
from bot.digests.planning import build_due
from bot.digests.reading import project_weeks
from bot.runtime.app import settle_memory
from handlers.context import NatterApp
from storage.db import Database
from storage.repositories import digests

TICK = 0.005
GOAL_STALL = 0.050


@dataclass
class Timeline:
    ticks: list[tuple[float, float]] = field(default_factory=list)  # (woke at, seconds late)
    updates: list[tuple[float, float]] = field(default_factory=list)  # (started, seconds)
    build: tuple[float, float] = (0.0, 0.0)

    def during(self, samples: list[tuple[float, float]], inside: bool) -> list[float]:
        start, end = self.build
        return [v for t, v in samples if (start <= t <= end) == inside]


async def ticker(timeline: Timeline, stop: asyncio.Event) -> None:
    clock = time.perf_counter
    while not stop.is_set():
        before = clock()
        await asyncio.sleep(TICK)
        woke = clock()
        timeline.ticks.append((woke, woke - before - TICK))


async def ingest(
    app: NatterApp, source: Participants, rate: float, timeline: Timeline, stop: asyncio.Event
) -> None:
    """One update after another, each started on schedule (or at once when behind)."""
    clock = time.perf_counter
    started = clock()
    n = 0
    while not stop.is_set():
        update = source.updates(app.bot, 1)[0]
        delay = started + n / rate - clock()
        if delay > 0:
            await asyncio.sleep(delay)
        t0 = clock()
        await app.process_update(update)
        timeline.updates.append((t0, clock() - t0))
        n += 1


async def seed(db: Database, args: argparse.Namespace) -> Participants:
    project_ids = await data.add_projects(db, 11)
    people = data.People()
    writers = await people.add(db, project_ids[:1], 200)  # the big project's own participants
    plan = data.History(project_ids[:1], writers, period().end, 1, args.project_comments)
    await data.add_history(db, plan)
    return Participants(await people.add(db, project_ids[1:], 100))


async def build_big(db: Database, timeline: Timeline) -> float:
    deps = common.deps()
    start = time.perf_counter()
    await build_due(db, deps, period().due_at + timedelta(minutes=1))
    end = time.perf_counter()
    timeline.build = (start, end)
    return end - start


async def anatomy(db: Database) -> list[tuple[str, float, float]]:
    """The build's parts one by one, each with the longest stall seen while it ran.

    A part that never awaits holds the loop for all of its time; one that awaits the driver
    holds it for its longest synchronous stretch (typically turning rows into objects).
    """
    deps = common.deps()
    week = period()
    timeline = Timeline()
    stop = asyncio.Event()
    tick = asyncio.create_task(ticker(timeline, stop))
    spans: list[tuple[str, float, float]] = []
    clock = time.perf_counter

    async def part(name: str, started: float) -> None:
        spans.append((name, started, clock()))
        await asyncio.sleep(0.02)  # let the ticker wake between parts

    async with db.reading() as session:
        project = (await digests.all_projects(session))[0]
        await asyncio.sleep(0.02)
        t0 = clock()
        rows = await digests.comments_between(session, [project.id], week.start, week.end)
        await part(f"comments_between: {len(rows):,} rows (fetched in batches)", t0)
        t0 = clock()
        week_of = (await project_weeks(session, [project], week))[project.id]
        await part("project_weeks: all the digest's queries (awaits the driver)", t0)
    t0 = clock()
    built = await asyncio.to_thread(render_project, deps, week_of, week, deps.timezone)
    await part(f"render_project in a worker thread: {len(built.parts)} message(s) + CSV", t0)
    t0 = clock()
    render_project(deps, week_of, week, deps.timezone)
    await part("render_project on the loop, for comparison (no await)", t0)
    stop.set()
    await tick
    found = []
    for name, start, end in spans:
        stalls = [late for woke, late in timeline.ticks if start <= woke <= end + 0.015]
        found.append((name, end - start, max(stalls, default=0.0)))
    return found


async def measure(target: common.Target, args: argparse.Namespace) -> None:
    common.title(
        f"event loop on {target.label}: ingest at {args.rate:.0f} updates/s while a digest with "
        f"{args.project_comments:,} comments is built (week to {WEEK_ENDS})"
    )
    async with common.open_database(target) as db:
        source = await seed(db, args)
        app = await natter_app(db, OfflineRequest(), capped=False)
        errors = Errors()
        app.add_error_handler(errors)
        timeline = Timeline()
        stop = asyncio.Event()
        async with app:
            settle_memory()  # as bot.runtime.app.on_start does once the bot has started
            tasks = [
                asyncio.create_task(ticker(timeline, stop)),
                asyncio.create_task(ingest(app, source, args.rate, timeline, stop)),
            ]
            await asyncio.sleep(args.lead)
            seconds = await build_big(db, timeline)
            await asyncio.sleep(args.lead)
            stop.set()
            await asyncio.gather(*tasks)
        parts = await anatomy(db)
    report(timeline, seconds, len(errors.seen))
    kinds = Counter(f"{type(e).__name__}: {str(e).splitlines()[0][:80]}" for e in errors.seen)
    for kind, n in kinds.most_common(3):
        print(f"  handler error x{n}: {kind}")
    print("the build's parts, run alone: how long each took, and the longest stall in it")
    common.table(
        ["part", "ms", "longest stall ms"],
        [[name, common.ms(took), common.ms(stall)] for name, took, stall in parts],
    )


def report(timeline: Timeline, build_seconds: float, errors: int) -> None:
    rows = []
    for inside, name in ((False, "without the build"), (True, "during the build")):
        stalls = common.summarize(timeline.during(timeline.ticks, inside))
        latency = common.summarize(timeline.during(timeline.updates, inside))
        rows.append(
            [name, common.ms(stalls.max), common.ms(stalls.p99), latency.count,
             common.ms(latency.p50), common.ms(latency.p99), common.ms(latency.max)]
        )  # fmt: skip
    common.table(
        ["", "longest stall ms", "p99 stall ms", "updates", "update p50 ms", "update p99 ms",
         "update max ms"],
        rows,
    )  # fmt: skip
    longest = max((late for _t, late in timeline.ticks), default=0.0)
    print(
        f"build took {build_seconds:.2f} s; handler errors: {errors}; longest stall "
        f"{common.ms(longest):.0f} ms: under {common.ms(GOAL_STALL):.0f} ms: "
        f"{common.verdict(longest < GOAL_STALL)}"
    )


async def main(args: argparse.Namespace) -> None:
    print(f"machine: {common.machine_line()}")
    # Handler errors are counted and summed up below; their tracebacks would drown the figures.
    logging.getLogger("handlers.fallbacks").setLevel(logging.CRITICAL)
    check_no_concerns(common.deps())
    for target in await common.resolve_targets(args.database_url):
        await measure(target, args)


def parse(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.event_loop", description=__doc__)
    parser.add_argument("--project-comments", type=int, default=20_000)
    parser.add_argument("--rate", type=float, default=100.0, help="updates a second")
    parser.add_argument("--lead", type=float, default=1.0, help="seconds before/after the build")
    common.add_database_argument(parser)
    return parser.parse_args(argv)


if __name__ == "__main__":
    common.run(main(parse()))
