"""Replies leave in order per chat without holding back that chat's next update.

A chat's next message is stored as soon as its turn comes; its reply queues behind the
previous reply (Telegram allows one message a second per chat). So a flood is stored at the
speed of the database, not of Telegram. Help for someone in danger does not queue here: it
is sent at once (see handlers.common). At a stop, what is still queued is sent for a while.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

log = logging.getLogger(__name__)


class ReplyLine:
    def __init__(self) -> None:
        self._last: dict[int, asyncio.Task[None]] = {}

    def post(self, chat_id: int, send: Callable[[], Awaitable[None]]) -> None:
        """Send after every reply posted to this chat before it."""
        before = self._last.get(chat_id)
        task = asyncio.get_running_loop().create_task(self._after(chat_id, before, send))
        self._last[chat_id] = task
        task.add_done_callback(lambda done: self._forget(chat_id, done))

    async def _after(
        self, chat_id: int, before: asyncio.Task[None] | None, send: Callable[[], Awaitable[None]]
    ) -> None:
        if before is not None:
            with contextlib.suppress(Exception):
                await before
        try:
            await send()
        except Exception:
            log.exception("could not send a reply to chat %s", chat_id)

    def _forget(self, chat_id: int, done: asyncio.Task[None]) -> None:
        if self._last.get(chat_id) is done:
            del self._last[chat_id]

    async def drain(self) -> None:
        """Wait until every queued reply has gone (bound it with `asyncio.timeout`)."""
        while self._last:
            await asyncio.wait(list(self._last.values()))

    def __len__(self) -> int:
        return len(self._last)
