"""Feeding updates to an Application one after another, as PTB's updater does, timing each
(benchmarks/ingest.py and its baselines, benchmarks/baselines.py)."""

from __future__ import annotations

import gc
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from telegram import Update
from telegram.ext import Application, CallbackContext

from benchmarks import common


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
    # Natter sends a reply in its chat's line after the update is handled: wait for it, so each
    # update is timed to its reply, as the baselines' are.
    replies = getattr(app.bot_data, "replies", None)
    for update in updates:
        t0 = clock()
        await app.process_update(update)
        if replies is not None:
            await replies.drain()
        latencies.append(clock() - t0)
    return Fed(clock() - started, time.process_time() - cpu, latencies)


class Errors:
    def __init__(self) -> None:
        self.seen: list[BaseException] = []

    async def __call__(self, _update: object, context: CallbackContext[Any, Any, Any, Any]) -> None:
        if context.error is not None:
            self.seen.append(context.error)
