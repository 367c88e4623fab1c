"""Fairness: one person flooding the bot must not slow everyone else down (issue 12, part B).

Natter runs as `natter run` runs it: `python -m bot run` in a child process
(tests.support.processes.BotProcess), long polling the fake Bot API server
(tests.fake_telegram.FakeTelegram) through TELEGRAM_BASE_URL, with Telegram's limits on: 30
messages a second overall, one a second per chat (`per_chat_burst=1`), 429 with `retry_after`
when either is broken. One project has 301 participants (bulk rows, benchmarks/data.py). At the
start one of them sends 1,000 text messages at once; meanwhile each of the other 300 sends one,
evenly over 60 seconds. A quiet person's latency runs from when their message was queued at the
fake server to when the fake accepted Natter's first reply to them (`SentMessage.sent_at`; both
are time.monotonic in this process, so no hook in the fake is needed).

The window ends when every quiet person has a reply and every message is stored, or `--deadline`
seconds after the last quiet message. Then the bot is stopped as deploy/natter.service stops it:
SIGTERM, SIGKILL after `--grace` seconds (TimeoutStopSec). A message not stored by then is either
still queued at the fake (Telegram would deliver it after a restart) or lost: the bot took it
from Telegram and never stored it.

    python -m benchmarks.fairness [--flood 1000] [--quiet 300] [--seconds 60] [--quick]
                                  [--database-url URL ...]
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

if not __package__:  # run as `python benchmarks/fairness.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import common, data
from benchmarks.crowd import Crowd, Outcome, stop_bot, stored_messages
from benchmarks.updates import check_no_concerns
from storage.db import Database
from tests.fake_telegram import FakeTelegram
from tests.support.processes import BotProcess

GOAL_P99 = 2.0  # seconds, for quiet people's replies
GRACE = 10.0  # seconds from SIGTERM to SIGKILL: TimeoutStopSec in deploy/natter.service
QUICK = {"flood": 100, "quiet": 20, "seconds": 5.0, "deadline": 5.0}


async def watch(
    db: Database, bot: BotProcess, crowd: Crowd, sending: asyncio.Task[None], deadline: float
) -> float:
    """Until the window is over (see the module's doc); returns when it ended (monotonic)."""
    next_count = 0.0
    while not bot.exited:
        if sending.done() and sending.exception() is not None:
            raise RuntimeError("sending the messages failed") from sending.exception()
        now = time.monotonic()
        if crowd.finished and now >= crowd.last_quiet_at + deadline:
            break
        if crowd.finished and crowd.all_quiet_replied() and now >= next_count:
            next_count = now + 1.0
            if len(await stored_messages(db)) >= crowd.total_sent:
                break
        await asyncio.sleep(0.25)
    return time.monotonic()


async def run_once(target: common.Target, args: argparse.Namespace) -> Outcome:
    async with common.open_database(target) as db:
        if common.search_path(db.url) is not None:
            raise SystemExit("the bot's own process needs a database of its own: CREATE DATABASE")
        project_ids = await data.add_projects(db, 1, checkin_every_days=0)  # no check-ins sent
        members = await data.People().add(db, project_ids, args.quiet + 1)
        fake = FakeTelegram(token=common.TOKEN, per_chat_burst=args.per_chat_burst)
        await fake.start()
        with tempfile.TemporaryDirectory(prefix="natter-fairness-") as folder:
            # `natter run` needs the key; the benchmark's own, not one from the environment.
            os.environ["PSEUDONYM_KEY"] = common.PSEUDONYM_KEY
            bot = BotProcess(fake, db.url, Path(folder))
            try:
                started = time.monotonic()
                await bot.start()
                start_seconds = time.monotonic() - started
                crowd = Crowd(fake, members[0], members[1:])
                sending = asyncio.create_task(crowd.send(args.flood, args.seconds))
                ended = await watch(db, bot, crowd, sending, args.deadline)
                at_window_end = await stored_messages(db)
                if not sending.done():
                    sending.cancel()
                stop = await stop_bot(bot, args.grace)
            finally:
                if not bot.exited:
                    await bot.kill()
                await fake.stop()
            log = bot.log.read_text(errors="replace")
        return crowd.outcome(
            label=target.label,
            stored=await stored_messages(db),
            stored_at_window_end=at_window_end,
            window=ended - crowd.started_at,
            deadline=args.deadline,
            start_seconds=start_seconds,
            stop=stop,
            log_errors=sum(1 for line in log.splitlines() if _is_error(line)),
        )


def _is_error(line: str) -> bool:
    return " ERROR " in line or " CRITICAL " in line  # bot/runtime/logs.py's FORMAT


def seconds_cell(value: float, deadline: float) -> str:
    return f"> {deadline:.0f}" if math.isinf(value) else f"{value:.2f}"


HEADERS = [
    "run", "quiet", "replied in time", "p50 s", "p99 s", "max s", "flood stored",
    "lost", "still queued", "429s", "violations", "max/s all", "max/s one chat",
]  # fmt: skip


def row(o: Outcome) -> list[object]:
    s = common.summarize(o.quiet_latencies)
    return [
        o.label, o.quiet, o.quiet - o.quiet_missed, seconds_cell(s.p50, o.deadline),
        seconds_cell(s.p99, o.deadline), seconds_cell(s.max, o.deadline),
        f"{o.flood_stored:,} / {o.flood_sent:,}", o.lost, o.still_queued, o.rate_limited,
        o.violations, o.max_per_second, o.max_per_chat_second,
    ]  # fmt: skip


def report(o: Outcome) -> None:
    s = common.summarize(o.quiet_latencies)
    print(
        f"\n{o.label}: bot up in {o.start_seconds:.1f} s; window {o.window:.1f} s; "
        f"{o.stop}; errors in the bot's log: {o.log_errors}"
    )
    print(
        f"  quiet people: {o.quiet:,}, no reply within {o.deadline:.0f} s: {o.quiet_missed:,}; "
        f"reply latency p50 {seconds_cell(s.p50, o.deadline)} s, "
        f"p99 {seconds_cell(s.p99, o.deadline)} s, max {seconds_cell(s.max, o.deadline)} s"
    )
    print(
        f"  flooder: {o.flood_stored:,} of {o.flood_sent:,} stored "
        f"({o.flood_stored_at_window_end:,} by the end of the window), "
        f"{o.flood_replies:,} replies to them"
    )
    print(
        f"  not stored: {o.still_queued:,} still queued at the fake (Telegram keeps them), "
        f"{o.lost:,} lost (taken by the bot, never stored): {o.lost_sample or 'none'}"
    )
    print(
        f"  Telegram's rules: {o.rate_limited:,} answered 429 (limits broken), "
        f"{o.violations} other violations{': ' + o.violation_sample if o.violations else ''}; "
        f"most accepted in any 1 s: {o.max_per_second} overall, {o.max_per_chat_second} one chat"
    )
    print(
        f"  goal: quiet p99 < {GOAL_P99:.0f} s: {common.verdict(s.p99 < GOAL_P99)}; "
        f"nothing lost: {common.verdict(o.lost == 0 and o.still_queued == 0)}; "
        f"rules never broken: {common.verdict(o.rate_limited == 0 and o.violations == 0)}"
    )


async def main(args: argparse.Namespace) -> None:
    print(f"machine: {common.machine_line()}")
    targets = await common.resolve_targets(args.database_url)
    check_no_concerns(common.deps())
    burst = f" after a burst of {args.per_chat_burst}" if args.per_chat_burst > 1 else ""
    common.title(
        f"fairness: one chat floods {args.flood:,} messages at once while {args.quiet:,} people "
        f"send one each over {args.seconds:.0f} s; `python -m bot run` long polling the fake "
        f"Bot API (30/s overall, 1 a second per chat{burst})"
    )
    outcomes = []
    for target in targets:
        outcomes.append(await run_once(target, args))
        report(outcomes[-1])
    print()
    common.table(HEADERS, [row(o) for o in outcomes])
    print(f"goal: quiet people's reply p99 under {GOAL_P99:.0f} s, nothing lost")
    print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


def parse(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.fairness", description=__doc__)
    parser.add_argument("--flood", type=int, default=1_000, help="messages the flooder sends")
    parser.add_argument("--quiet", type=int, default=300, help="people sending one message")
    parser.add_argument("--seconds", type=float, default=60.0, help="spread of the quiet ones")
    parser.add_argument(
        "--deadline", type=float, default=30.0, help="seconds a quiet person waits for a reply"
    )
    parser.add_argument("--grace", type=float, default=GRACE, help="SIGTERM to SIGKILL, s")
    parser.add_argument(
        "--per-chat-burst", type=int, default=1, help="the fake's per-chat burst (then 1/s)"
    )
    parser.add_argument("--quick", action="store_true", help=f"a smoke run: {QUICK}")
    common.add_database_argument(parser)
    args = parser.parse_args(argv)
    if args.quick:
        for name, value in QUICK.items():
            if getattr(args, name) == parser.get_default(name):
                setattr(args, name, value)
    return args


if __name__ == "__main__":
    common.run(main(parse()))
