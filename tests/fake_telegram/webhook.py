"""Webhook delivery, as Telegram does it: POST each update, in order, until the bot answers 2xx.

An update stays queued until the bot's server answers with a 2xx, so a bot that crashes before
answering gets the same update again (and must not store it twice). Like Telegram, the fake
waits longer after each failed try of the same update (Telegram's waits grow to minutes; here
they double from `retry_seconds` up to `retry_cap`, so tests stay quick).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from dataclasses import dataclass, field

import aiohttp

from .world import World

RETRY_SECONDS = 0.3  # the wait after a first failed try; it doubles with each further one
RETRY_CAP_SECONDS = 1.0


@dataclass
class WebhookPusher:
    world: World
    url: str = ""
    secret: str | None = None
    delivered: list[int] = field(default_factory=list)  # update ids answered with 2xx
    failures: list[str] = field(default_factory=list)  # what went wrong on each failed push
    tries: list[tuple[int, float]] = field(default_factory=list)  # (update id, loop time) per POST
    retry_seconds: float = RETRY_SECONDS
    retry_cap: float = RETRY_CAP_SECONDS
    _task: asyncio.Task[None] | None = None

    @property
    def active(self) -> bool:
        return bool(self.url)

    def set(self, url: str, secret: str | None) -> None:
        self.url, self.secret = url, secret
        if self._task is None or self._task.done():
            self._task = asyncio.get_running_loop().create_task(self._run())

    async def clear(self) -> None:
        self.url = ""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _run(self) -> None:
        timeout = aiohttp.ClientTimeout(total=30)
        last, failed = -1, 0  # the update last tried, and how many of its tries failed
        async with aiohttp.ClientSession(timeout=timeout) as client:
            while self.url and not self.world.stopping:
                pending = self.world.deliverable()
                if not pending:
                    await self.world.pulse.wait_for(
                        lambda: bool(self.world.deliverable()) or self.world.stopping, 1.0
                    )
                    continue
                update = pending[0]
                failed = failed if update["update_id"] == last else 0
                last = update["update_id"]
                self.tries.append((last, asyncio.get_running_loop().time()))
                headers = {"Content-Type": "application/json"}
                if self.secret:
                    headers["X-Telegram-Bot-Api-Secret-Token"] = self.secret
                try:
                    async with client.post(self.url, data=json.dumps(update), headers=headers) as r:
                        ok = 200 <= r.status < 300
                        if not ok:
                            self.failures.append(f"{update['update_id']}: HTTP {r.status}")
                except (aiohttp.ClientError, TimeoutError) as exc:
                    ok = False
                    self.failures.append(f"{update['update_id']}: {type(exc).__name__}")
                if ok:
                    self.delivered.append(update["update_id"])
                    self.world.confirm(update["update_id"] + 1)
                else:
                    await asyncio.sleep(min(self.retry_seconds * 2**failed, self.retry_cap))
                    failed += 1
