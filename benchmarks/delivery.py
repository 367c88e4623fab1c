"""Delivery: weekly digests through the outbox sender to a fake Bot API server over real HTTP.

Seeds `--digests` staff members (five to a project, each their own private chat) and a week of
comments, plans the week's digests with `bot.digests.plan_due` (so each digest is what Natter
really sends: its text and, since the week has comments, its CSV), then starts the real
Application against `tests.fake_telegram.FakeTelegram` the way `natter run` would, minus
polling: its JobQueue runs `bot.delivery.deliver_due` with the app's `bot.delivery.Pacer` every
second (mode `job`). Mode `loop` calls `deliver_due` again as soon as it returns instead, to
separate the sender's own pace from the job's rhythm. The fake records when it accepted each
message (monotonic time); from those come the achieved rate, the most messages in any
one-second window, and the same per chat.

    python -m benchmarks.delivery [--digests 1000] [--modes job,loop] [--database-url URL ...]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import statistics
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

if not __package__:  # run as `python benchmarks/delivery.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, select

from benchmarks import common, data
from bot.core.weeks import latest_due
from bot.delivery import sender
from bot.digests import planning as digests
from bot.runtime.app import build_application, production_builder
from bot.runtime.root import compose
from handlers.context import NatterApp
from handlers.outbound import TelegramOutbox
from storage.db import Database
from storage.models import Outbox, OutboxStatus, Role
from tests.fake_telegram import FakeTelegram

STAFF_PER_PROJECT = 5
OVERALL_LIMIT = 30  # Telegram's: never more in any second
OVERALL_TARGET = 25  # what the pacer aims for
PER_CHAT_LIMIT = 1


@dataclass
class Figures:
    label: str
    digests: int
    messages: int
    plan_seconds: float
    seconds: float
    rate: float
    max_window: int
    max_chat_window: int
    per_second_median: float
    rate_limited: int
    violations: int
    not_sent: int
    skipped_runs: int


class SkippedRuns(logging.Handler):
    """Counts send-outbox runs APScheduler skipped because the previous run was still going."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        if "maximum number of running instances" in record.getMessage():
            self.count += 1


async def seed(db: Database, digest_count: int, comments_per_project: int) -> set[int]:
    """Staff to receive the digests (their chat ids), and a week of comments to digest."""
    full, extra = divmod(digest_count, STAFF_PER_PROJECT)
    # Digests only: with check-ins on, a run in their hours (10:00 to 19:00 London) would also
    # queue one for each of the 10,000 participants, whose chats the fake server does not know.
    project_ids = await data.add_projects(db, full + (1 if extra else 0), checkin_every_days=0)
    people = data.People()
    staff = await people.add(db, project_ids[:full], STAFF_PER_PROJECT, Role.STAFF)
    if extra:
        staff += await people.add(db, project_ids[full:], extra, Role.STAFF)
    participants = await people.add(db, project_ids, 10)
    week = latest_due(common.deps().now(), 0, "09:00", common.deps().timezone)
    history = data.History(
        project_ids, participants, week.end, 1, comments_per_project * len(project_ids)
    )
    await data.add_history(db, history)
    return {member.telegram_id for member in staff}


async def outbox_counts(db: Database) -> Counter[str]:
    async with db.transaction() as session:
        rows = await session.execute(select(Outbox.status, func.count()).group_by(Outbox.status))
        return Counter({str(status): int(n) for status, n in rows.tuples()})


async def due(db: Database) -> bool:
    counts = await outbox_counts(db)
    return bool(counts[OutboxStatus.PENDING.value] or counts[OutboxStatus.SENDING.value])


async def until_sent(db: Database, deadline: float) -> None:
    """Poll the outbox (the sender runs in the JobQueue meanwhile) until it is empty."""
    while time.perf_counter() < deadline:
        if not await due(db):
            return
        await asyncio.sleep(0.25)


async def send_all(db: Database, app: NatterApp, mode: str, deadline: float) -> None:
    """`job`: the app's JobQueue runs send-outbox every second, as in `natter run`.
    `loop`: deliver_due is called again as soon as it returns (no JobQueue), to show what the
    sender and pacer can do on their own."""
    await app.initialize()
    try:
        if mode == "job":
            await app.start()
            try:
                await until_sent(db, deadline)
            finally:
                await app.stop()
        else:
            state = app.bot_data
            while time.perf_counter() < deadline and await due(db):
                await sender.deliver_due(
                    db, TelegramOutbox(app.bot, state.deps.prompts), state.deps.clock, state.pacer
                )
    finally:
        await app.shutdown()


async def deliver(target: common.Target, mode: str, args: argparse.Namespace) -> Figures:
    async with common.open_database(target) as db:
        chats = await seed(db, args.digests, args.comments_per_project)
        deps = common.deps()
        t0 = time.perf_counter()
        await digests.plan_due(db, deps, deps.now())
        plan_seconds = time.perf_counter() - t0
        queued = sum((await outbox_counts(db)).values())
        print(f"{target.label}, {mode}: planned {queued:,} messages in {plan_seconds:.2f} s")

        skipped = SkippedRuns()
        logging.getLogger("apscheduler").addHandler(skipped)
        fake = FakeTelegram()
        await fake.start()
        for chat in chats:
            fake.world.private_chat(chat, "Staff", "en")
        settings = common.settings(db.url, base_url=fake.base_url)
        services = compose(settings, common.texts(), db=db)
        app = build_application(production_builder(settings), services)
        try:
            await send_all(db, app, mode, time.perf_counter() + queued / 8 + 60)
        finally:
            await fake.stop()
            logging.getLogger("apscheduler").removeHandler(skipped)
        counts = await outbox_counts(db)

    sent = [m for m in fake.sent if m.chat_id in chats]
    times = sorted(m.sent_at for m in sent)
    by_chat: dict[int, list[float]] = {}
    for message in sent:
        by_chat.setdefault(message.chat_id, []).append(message.sent_at)
    span = times[-1] - times[0] if len(times) > 1 else 0.0
    whole_seconds = Counter(int(t - times[0]) for t in times) if times else Counter()
    inner = [whole_seconds[s] for s in range(1, int(span))]  # leave out the partial ends
    return Figures(
        label=f"{target.label}, {mode}",
        digests=len(by_chat),
        messages=len(sent),
        plan_seconds=plan_seconds,
        seconds=span,
        rate=(len(times) - 1) / span if span else 0.0,
        max_window=common.max_in_window(times),
        max_chat_window=max((common.max_in_window(t) for t in by_chat.values()), default=0),
        per_second_median=statistics.median(inner) if inner else 0.0,
        rate_limited=len(fake.rate_limited),
        violations=len(fake.violations),
        not_sent=queued - counts[OutboxStatus.SENT.value],
        skipped_runs=skipped.count,
    )


async def main(args: argparse.Namespace) -> None:
    print(f"machine: {common.machine_line()}")
    targets = await common.resolve_targets(args.database_url)
    common.title(
        f"delivery: {args.digests:,} digests, each to its own chat, through the outbox sender "
        "to the fake Bot API server"
    )
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    results = [await deliver(target, mode, args) for target in targets for mode in modes]
    common.table(
        ["run", "digests", "messages", "seconds", "msgs/s", "max in 1 s", "median per s",
         "max per chat in 1 s", "429s", "violations", "not sent", "skipped runs"],
        [
            [r.label, r.digests, r.messages, r.seconds, r.rate, r.max_window,
             r.per_second_median, r.max_chat_window, r.rate_limited, r.violations, r.not_sent,
             r.skipped_runs]
            for r in results
        ],
    )  # fmt: skip
    for r in results:
        print(
            f"{r.label}: never over {OVERALL_LIMIT} a second: "
            f"{common.verdict(r.max_window <= OVERALL_LIMIT)}; at least {OVERALL_TARGET} in the "
            f"busiest second: {common.verdict(r.max_window >= OVERALL_TARGET)}; "
            f"never over {PER_CHAT_LIMIT} a second to one chat: "
            f"{common.verdict(r.max_chat_window <= PER_CHAT_LIMIT)}"
        )


def parse(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.delivery", description=__doc__)
    parser.add_argument("--digests", type=int, default=1_000)
    parser.add_argument(
        "--comments-per-project", type=int, default=20, help="the week's comments per project"
    )
    parser.add_argument(
        "--modes",
        default="job,loop",
        help="job (the JobQueue, as in production), loop (deliver_due back to back), or both",
    )
    common.add_database_argument(parser)
    return parser.parse_args(argv)


if __name__ == "__main__":
    common.run(main(parse()))
