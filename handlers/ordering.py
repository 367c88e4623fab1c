"""Updates from different chats are handled at the same time; from one chat, strictly in order.

python-telegram-bot hands every update to an update processor. This one queues each update
behind the earlier ones from the same chat before it takes one of the places for handling,
so a chat sending a thousand messages at once occupies one place, not all of them.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable
from contextlib import asynccontextmanager
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

# How many chats' updates are handled at the same time in one process.
CONCURRENT_CHATS = 64
# python-telegram-bot's own bound is taken before our turn is, so it only caps what may wait.
WAITING_UPDATES = 100_000


class ChatTurns:
    """One turn at a time per chat, in the order they were asked for."""

    def __init__(self) -> None:
        self._turns: dict[int, tuple[asyncio.Lock, list[int]]] = {}

    @asynccontextmanager
    async def turn(self, chat: int | None) -> AsyncIterator[None]:
        if chat is None:
            yield
            return
        lock, waiting = self._turns.setdefault(chat, (asyncio.Lock(), [0]))
        waiting[0] += 1
        try:
            async with lock:  # asyncio.Lock wakes its waiters first come, first served
                yield
        finally:
            waiting[0] -= 1
            if not waiting[0]:
                del self._turns[chat]

    def __len__(self) -> int:
        """Chats with an update in hand or waiting (none are remembered after)."""
        return len(self._turns)


def chat_of(update: object) -> int | None:
    if not isinstance(update, Update):
        return None
    if update.effective_chat is not None:
        return update.effective_chat.id
    return update.effective_user.id if update.effective_user is not None else None


class ChatOrderedProcessor(BaseUpdateProcessor):
    def __init__(self, turns: ChatTurns, concurrent: int = CONCURRENT_CHATS) -> None:
        super().__init__(WAITING_UPDATES)
        self.turns = turns
        self._places = asyncio.Semaphore(concurrent)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        # The chat's turn first, then a place: waiting for its turn takes no place.
        async with self.turns.turn(chat_of(update)), self._places:
            await coroutine

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""
