"""The people of the fairness benchmark: one flooder and many quiet people, as the fake server
sees them, and what became of every message they sent (benchmarks/fairness.py)."""

from __future__ import annotations

import asyncio
import contextlib
import math
import os
import random
import signal
import time
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select

from benchmarks import common, data
from benchmarks.data import Member
from storage.db import Database
from storage.models import Comment
from tests.fake_telegram import FakeTelegram
from tests.support.processes import BotProcess

Key = tuple[int, int]  # (chat_id, message_id): how Natter and the fake both name a message


@dataclass(frozen=True, slots=True)
class Sent:
    chat_id: int
    message_id: int
    queued_at: float  # time.monotonic() when the fake queued the update

    @property
    def key(self) -> Key:
        return self.chat_id, self.message_id


@dataclass(frozen=True, slots=True)
class Outcome:
    label: str
    quiet: int
    quiet_latencies: list[float]  # one per quiet person; inf: no reply within the deadline
    quiet_missed: int
    flood_sent: int
    flood_stored: int
    flood_stored_at_window_end: int
    flood_replies: int
    lost: int  # taken from the fake (confirmed), never stored
    lost_sample: str
    still_queued: int  # never taken: Telegram would deliver them after a restart
    rate_limited: int
    violations: int
    violation_sample: str
    max_per_second: int
    max_per_chat_second: int
    window: float
    deadline: float
    start_seconds: float
    stop: str
    log_errors: int


class Crowd:
    def __init__(
        self, fake: FakeTelegram, flooder: Member, quiet: Sequence[Member], seed: int = 12
    ) -> None:
        self.fake = fake
        self.flooder = flooder
        self.quiet = list(quiet)
        self._rng = random.Random(seed)
        self.flood: list[Sent] = []
        self.calm: list[Sent] = []
        self.started_at = time.monotonic()
        self.last_quiet_at = math.inf
        self.finished = False
        self._replies: dict[int, float] = {}  # quiet chat -> when its first reply was accepted
        self._seen = 0  # how far into fake.sent the replies have been read

    def _text(self) -> str:
        weights = data.KIND_WEIGHTS
        return data.sentence(self._rng, self._rng.choices(list(weights), list(weights.values()))[0])

    def _send(self, member: Member) -> Sent:
        update = self.fake.user_sends_text(member.telegram_id, self._text(), first_name="Ann")
        message = update["message"]
        return Sent(message["chat"]["id"], message["message_id"], time.monotonic())

    async def send(self, flood: int, seconds: float) -> None:
        """The flood at once, then the quiet people evenly over `seconds` (each mid-slot)."""
        self.started_at = time.monotonic()
        self.flood = [self._send(self.flooder) for _ in range(flood)]
        step = seconds / max(1, len(self.quiet))
        for n, member in enumerate(self.quiet):
            await asyncio.sleep(max(0.0, self.started_at + (n + 0.5) * step - time.monotonic()))
            self.calm.append(self._send(member))
        self.last_quiet_at = self.calm[-1].queued_at if self.calm else self.started_at
        self.finished = True

    @property
    def total_sent(self) -> int:
        return len(self.flood) + len(self.calm)

    def _read_replies(self) -> None:
        sent = self.fake.sent
        quiet_chats = {m.telegram_id for m in self.quiet}
        for message in sent[self._seen :]:
            if message.chat_id in quiet_chats:
                self._replies.setdefault(message.chat_id, message.sent_at)
        self._seen = len(sent)

    def all_quiet_replied(self) -> bool:
        self._read_replies()
        return len(self._replies) >= len(self.calm)

    def outcome(
        self,
        *,
        label: str,
        stored: set[Key],
        stored_at_window_end: set[Key],
        window: float,
        deadline: float,
        start_seconds: float,
        stop: str,
        log_errors: int,
    ) -> Outcome:
        self._read_replies()
        latencies = []
        for sent in self.calm:
            reply = self._replies.get(sent.chat_id)
            waited = math.inf if reply is None else reply - sent.queued_at
            latencies.append(waited if waited <= deadline else math.inf)
        pending = {
            (u["message"]["chat"]["id"], u["message"]["message_id"])
            for u in self.fake.pending_updates()
            if "message" in u
        }
        everything = [*self.flood, *self.calm]
        queued = [s for s in everything if s.key not in stored and s.key in pending]
        lost = [s for s in everything if s.key not in stored and s.key not in pending]
        lost_flood = sum(1 for s in lost if s.chat_id == self.flooder.telegram_id)
        lost_sample = f"{lost_flood} of the flooder's, {len(lost) - lost_flood} quiet people's"
        accepted = self.fake.sent
        by_chat: dict[int, list[float]] = {}
        for message in accepted:
            by_chat.setdefault(message.chat_id, []).append(message.sent_at)
        return Outcome(
            label=label,
            quiet=len(self.calm),
            quiet_latencies=latencies,
            quiet_missed=sum(1 for x in latencies if math.isinf(x)),
            flood_sent=len(self.flood),
            flood_stored=sum(1 for s in self.flood if s.key in stored),
            flood_stored_at_window_end=sum(1 for s in self.flood if s.key in stored_at_window_end),
            flood_replies=len(by_chat.get(self.flooder.telegram_id, [])),
            lost=len(lost),
            lost_sample=lost_sample if lost else "",
            still_queued=len(queued),
            rate_limited=len(self.fake.rate_limited),
            violations=len(self.fake.violations),
            violation_sample="; ".join(self.fake.violations[:3]),
            max_per_second=common.max_in_window(m.sent_at for m in accepted),
            max_per_chat_second=max((common.max_in_window(t) for t in by_chat.values()), default=0),
            window=window,
            deadline=deadline,
            start_seconds=start_seconds,
            stop=stop,
            log_errors=log_errors,
        )


async def stored_messages(db: Database) -> set[Key]:
    async with db.transaction() as session:
        rows = await session.execute(select(Comment.chat_id, Comment.message_id))
        return {(int(chat), int(message)) for chat, message in rows.tuples()}


async def stop_bot(bot: BotProcess, grace: float) -> str:
    """SIGTERM to the bot's process group, SIGKILL after `grace` seconds, as systemd does."""
    proc = bot.proc
    assert proc is not None
    if proc.returncode is not None:
        return f"the bot had exited by itself (code {proc.returncode})"
    started = time.monotonic()
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        code = await asyncio.wait_for(proc.wait(), timeout=grace)
    except TimeoutError:
        await bot.kill()
        return f"SIGTERM, still running after {grace:.0f} s: SIGKILL"
    return f"SIGTERM: exited in {time.monotonic() - started:.1f} s (code {code})"
