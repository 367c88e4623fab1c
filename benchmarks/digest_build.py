"""Digest build: the whole weekly build over a large history, its memory, and its query plans.

Generates `--comments` comments (default 1,000,000) over `--projects` projects (default 200),
spread evenly over `--weeks` weeks (default 52: a year of history, as a real deployment that
keeps two years would have), then times what planning does for one week: `bot.digests.build_due`
reads every project's week and the programme's in one read-only transaction and renders each
digest and spreadsheet (everything but writing the outbox). The build runs in a fresh child
process so its peak RSS is not the data generator's; it reports the cold (first) and warm
(best of the rest) times, the peak RSS, and tracemalloc's peak for one more build. Then the
parent prints the query plan of every query the build makes.

    python -m benchmarks.digest_build [--comments 1000000] [--weeks 52] [--database-url URL ...]
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import json
import os
import pstats
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Awaitable, Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

if not __package__:  # run as `python benchmarks/digest_build.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import common, data, plans, tallied
from bot import charts
from bot.core.deps import Deps
from bot.core.weeks import Period, week_ending
from bot.digests.building import charts_of
from bot.digests.planning import build_due
from bot.digests.reading import PROJECTS_PER_READ
from prompts import Prompts
from storage.db import Database
from storage.models import Project
from storage.repositories import digests, early_signs, flags, responses, sessions

GOAL_SECONDS = 3.0  # issue 15 point 7 (2.0 s at a million comments before it)
GOAL_MB = 300.0
WEEK_ENDS = date(2026, 11, 16)  # a Monday: the week measured is 9-16 November 2026


def period() -> Period:
    return week_ending(WEEK_ENDS, "09:00", ZoneInfo(common.TIMEZONE))


@dataclass
class Build:
    seconds: float
    cpu_seconds: float  # the build process's CPU (all its threads; not the database server's)
    digests: int
    comments: int
    csv_bytes: int
    parts: int


@contextlib.contextmanager
def drawing(on: bool) -> Iterator[None]:
    """Without `on`, the build reads every chart's figures but draws no picture (matplotlib
    takes about a second a project: drawing is timed on its own, `draw_sample`)."""
    if on:
        yield
        return
    draw_all = charts.draw_all
    charts.draw_all = _draw_nothing  # type: ignore[assignment]
    try:
        yield
    finally:
        charts.draw_all = draw_all


def _draw_nothing(_prompts: Prompts, _numbers: charts.ChartNumbers) -> tuple[charts.Chart, ...]:
    return ()


async def draw_sample(db: Database, deps: Deps, week: Period, count: int) -> tuple[int, float]:
    """Seconds to draw one project's charts (the mean over the first `count` projects)."""
    async with db.reading() as session:
        projects = list(await digests.all_projects(session))[:count]
        found = await charts_of(session, deps, [(p, week) for p in projects])
        numbers = [figures for figures, _tally in found.values()]
    started = time.perf_counter()
    for figures in numbers:
        charts.draw_all(deps.prompts, figures)
    return len(numbers), (time.perf_counter() - started) / max(1, len(numbers))


async def weekly_build(db: Database, deps: Deps, week: Period) -> Build:
    """What plan_due does for one week, without writing the outbox: every digest, built."""
    started, cpu = time.perf_counter(), time.process_time()
    built = await build_due(db, deps, week.due_at + timedelta(minutes=1))
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    projects = [b for due, b in built if due.project is not None]
    return Build(
        seconds,
        cpu,
        len(built),
        sum(b.comments for b in projects),
        sum(len(b.csv or "") for b in projects),
        sum(len(b.parts) for _due, b in built),
    )


Query = Callable[[Any, list[int], Period], Awaitable[object]]
# Every query a week's digests make, as bot.digests.project_weeks makes them (a few projects
# at a time).
QUERIES: dict[str, Query] = {
    "digests.comments_between": lambda s, ids, w: digests.comments_between(s, ids, w.start, w.end),
    "responses.figures": lambda s, ids, w: responses.figures(s, ids),
    "sessions.sessions_between": lambda s, ids, w: sessions.sessions_between(
        s, ids, w.start, w.end
    ),
    "responses.replies_between": lambda s, ids, w: responses.replies_between(
        s, ids, w.start, w.end
    ),
    "flags.count_between": lambda s, ids, w: flags.count_between(s, ids, w.start, w.end),
    "early_signs.count_between": lambda s, ids, w: early_signs.count_between(
        s, ids, w.start, w.end
    ),
    "digests.comment_counts (last week)": lambda s, ids, w: digests.comment_counts(
        s, ids, w.start - (w.end - w.start), w.start
    ),
    "digests.joined_between": lambda s, ids, w: digests.joined_between(s, ids, w.start, w.end),
}


def chunks(projects: Sequence[Project]) -> list[list[int]]:
    ids = [p.id for p in projects]
    return [ids[i : i + PROJECTS_PER_READ] for i in range(0, len(ids), PROJECTS_PER_READ)]


async def query_breakdown(db: Database, deps: Deps, week: Period) -> dict[str, float]:
    """Seconds each repository call takes summed over all projects (as the build reads)."""
    totals: dict[str, float] = {}
    async with db.reading() as session:
        projects = list(await digests.all_projects(session))
        for name, query in QUERIES.items():
            t0 = time.perf_counter()
            for ids in chunks(projects):
                await query(session, ids, week)
            totals[name] = time.perf_counter() - t0
        t0 = time.perf_counter()
        await digests.collective_answers(session, week.start, week.end)
        totals["digests.collective_answers (programme)"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        await charts_of(session, deps, [(p, week) for p in projects])
        totals["charts_of (tallies of 11 weeks, this week from the comments)"] = (
            time.perf_counter() - t0
        )
    return totals


# --- the child process: build, time and measure ------------------------------------------


async def child(args: argparse.Namespace) -> None:
    db = common.reopen(args.child_url, args.child_search_path)
    deps = common.deps()
    week = period()
    try:
        async with db.reading() as session:
            await digests.all_projects(session)  # connect, so the baseline includes the pool
        baseline = common.maxrss_mb()
        with drawing(args.draw):
            builds = [await weekly_build(db, deps, week) for _ in range(max(1, args.repeat))]
            rss = common.maxrss_mb()
            tracemalloc.start()
            await weekly_build(db, deps, week)
            _current, traced_peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
        breakdown = await query_breakdown(db, deps, week)
        drawn, per_project = await draw_sample(db, deps, week, args.draw_sample)
        profile_text = ""
        if args.profile:
            profile = cProfile.Profile()
            with drawing(args.draw):
                profile.enable()
                await weekly_build(db, deps, week)
                profile.disable()
            out = io.StringIO()
            pstats.Stats(profile, stream=out).sort_stats("tottime").print_stats(25)
            profile_text = out.getvalue()
    finally:
        await db.dispose()
    print(
        json.dumps(
            {
                "builds": [asdict(b) for b in builds],
                "baseline_rss_mb": baseline,
                "peak_rss_mb": rss,
                "traced_peak_mb": traced_peak / 2**20,
                "breakdown": breakdown,
                "drawn": drawn,
                "draw_seconds": per_project,
                "load": os.getloadavg(),
                "drew": args.draw,
                "profile": profile_text,
            }
        )
    )


def run_child(db: Database, args: argparse.Namespace) -> dict[str, Any]:
    command = [
        sys.executable, "-m", "benchmarks.digest_build", "--child-url", db.url,
        "--repeat", str(args.repeat),
    ]  # fmt: skip
    schema = common.search_path(db.url)
    if schema:
        command += ["--child-search-path", schema]
    if args.profile:
        command.append("--profile")
    if args.draw:
        command.append("--draw")
    command += ["--draw-sample", str(args.draw_sample)]
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"the build process failed:\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


# --- the parent: generate, run the child, explain -----------------------------------------


async def generate(db: Database, args: argparse.Namespace) -> str:
    t0 = time.perf_counter()
    project_ids = await data.add_projects(db, args.projects)
    members = await data.People().add(db, project_ids, args.people_per_project)
    t1 = time.perf_counter()
    plan = data.History(project_ids, members, period().end, args.weeks, args.comments)
    made = await data.add_history(db, plan)
    t2 = time.perf_counter()
    await data.analyze(db)
    tz = ZoneInfo(common.TIMEZONE)
    rows = 0 if args.no_tallies else await tallied.fill(db, period(), args.weeks - 1, tz)
    t3 = time.perf_counter()
    await data.analyze(db)
    return (
        f"{len(members):,} people in {t1 - t0:.1f} s; {made.comments:,} comments, "
        f"{made.sessions:,} group sessions and {made.responses:,} replies in {t2 - t1:.1f} s "
        f"({made.comments / (t2 - t1):,.0f} comments/s); {rows:,} weekly tallies of the "
        f"earlier weeks, read from those comments, in {t3 - t2:.1f} s"
    )


def report(label: str, result: dict[str, Any]) -> Build:
    builds = [Build(**b) for b in result["builds"]]
    cold, warm = builds[0], min(builds[1:] or builds, key=lambda b: b.seconds)
    common.table(
        ["build", "seconds", "CPU s", "digests", "comments", "CSV KB", "messages"],
        [
            [name, b.seconds, b.cpu_seconds, b.digests, b.comments, b.csv_bytes // 1024, b.parts]
            for name, b in (("first (cold)", cold), (f"best of next {len(builds) - 1}", warm))
            if name.startswith("first") or len(builds) > 1
        ],
    )
    print(
        f"peak RSS {result['peak_rss_mb']:.0f} MB (the process before building: "
        f"{result['baseline_rss_mb']:.0f} MB); tracemalloc peak during one build "
        f"{result['traced_peak_mb']:.0f} MB"
    )
    drawing_all = result["draw_seconds"] * builds[0].digests
    print(
        f"load average after the builds: {' '.join(f'{x:.2f}' for x in result['load'])}; "
        + ("charts drawn in the builds" if result.get("drew") else
           f"charts not drawn in the builds: drawing one project's took "
           f"{result['draw_seconds'] * 1000:.0f} ms (mean of {result['drawn']}), so about "
           f"{drawing_all:,.0f} s for all {builds[0].digests - 1:,} projects on one CPU")
    )  # fmt: skip
    print("time per repository call, summed over all projects:")
    for name, seconds in sorted(result["breakdown"].items(), key=lambda kv: -kv[1]):
        print(f"  {seconds * 1000:9.1f} ms  {name}")
    if result["profile"]:
        print(f"cProfile of one build on {label} (by own time):")
        print(result["profile"])
    return warm


async def explain(db: Database) -> list[str]:
    """Print every query's plan; returns the full table scans found in them."""
    week = period()
    async with db.reading() as session:
        ids = chunks(await digests.all_projects(session))[0]
    scans: list[str] = []
    for name, query in QUERIES.items():
        scans += await plans.explain(db, name, lambda s, q=query: q(s, ids, week))  # type: ignore[misc]
    scans += await plans.explain(
        db,
        "digests.collective_answers (programme)",
        lambda s: digests.collective_answers(s, week.start, week.end),
    )
    deps = common.deps()
    async with db.reading() as session:
        first = [(p, week) for p in (await digests.all_projects(session))[:PROJECTS_PER_READ]]
    scans += await plans.explain(
        db, "charts.per_project (charts_of)", lambda s: charts_of(s, deps, first)
    )
    return scans


async def main(args: argparse.Namespace) -> None:
    if args.child_url:
        await child(args)
        return
    print(f"machine: {common.machine_line()}")
    targets = await common.resolve_targets(args.database_url)
    verdicts = []
    for target in targets:
        common.title(
            f"digest build on {target.label}: {args.comments:,} comments, {args.projects} "
            f"projects, over {args.weeks} weeks; building the week to {WEEK_ENDS}"
        )
        async with common.open_database(target) as db:
            print(f"generated {await generate(db, args)}", flush=True)
            result = run_child(db, args)
            warm = report(target.label, result)
            rss = result["peak_rss_mb"]
            verdicts.append(
                f"{target.label}: under {GOAL_SECONDS:.0f} s: "
                f"{common.verdict(warm.seconds < GOAL_SECONDS)} ({warm.seconds:.2f} s warm, "
                f"{result['builds'][0]['seconds']:.2f} s cold); under {GOAL_MB:.0f} MB: "
                f"{common.verdict(rss < GOAL_MB)} ({rss:.0f} MB peak RSS)"
            )
            if not args.no_plans:
                common.title(f"query plans on {target.label}")
                scans = await explain(db)
                verdicts.append(
                    f"{target.label}: every query on an index: {common.verdict(not scans)}"
                    + "".join(f"\n  full scan: {scan}" for scan in scans)
                )
    common.title("goals")
    print("\n".join(verdicts))


def parse(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.digest_build", description=__doc__)
    parser.add_argument("--comments", type=int, default=1_000_000)
    parser.add_argument("--projects", type=int, default=200)
    parser.add_argument("--people-per-project", type=int, default=100)
    parser.add_argument("--weeks", type=int, default=52, help="weeks the comments spread over")
    parser.add_argument("--repeat", type=int, default=3, help="builds to time (the first is cold)")
    parser.add_argument("--profile", action="store_true", help="also print a cProfile")
    parser.add_argument("--no-plans", action="store_true", help="skip the query plans")
    parser.add_argument(
        "--no-tallies",
        action="store_true",
        help="write no weekly tallies for the earlier weeks (as before migration 0020: the "
        "charts and all-time figures are counted from the comments)",
    )
    parser.add_argument(
        "--draw",
        action="store_true",
        help="draw the charts in the timed builds too (about a second a project); by default "
        "their figures are read but the pictures are timed apart, on --draw-sample projects",
    )
    parser.add_argument("--draw-sample", type=int, default=10, help="projects whose charts to time")
    parser.add_argument("--child-url", help=argparse.SUPPRESS)
    parser.add_argument("--child-search-path", help=argparse.SUPPRESS)
    common.add_database_argument(parser)
    return parser.parse_args(argv)


if __name__ == "__main__":
    common.run(main(parse()))
