"""Plain data kept by the fake server, plus the small waiting and rate-limit primitives."""

from __future__ import annotations

import asyncio
import contextlib
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

JSON = dict[str, Any]


@dataclass
class UploadedFile:
    """One file part of a multipart request."""

    field_name: str
    filename: str | None
    content_type: str
    data: bytes = field(repr=False)


@dataclass
class StoredFile:
    """A file the fake knows by file_id (uploaded by the bot or sent by the user)."""

    file_id: str
    file_unique_id: str
    data: bytes = field(repr=False)
    file_path: str
    file_name: str | None = None
    mime_type: str | None = None


@dataclass
class SentMessage:
    """A message the bot created. ``text`` is what the bot sent (before entity parsing);
    ``plain_text``/``entities`` are what the user sees. Edits update the object in place."""

    method: str
    chat_id: int
    message_id: int
    text: str | None
    parse_mode: str | None
    reply_markup: JSON | None
    document_name: str | None = None
    document_bytes: bytes | None = field(default=None, repr=False)
    edits: list[str | None] = field(default_factory=list)
    plain_text: str | None = None
    entities: list[JSON] = field(default_factory=list)
    deleted: bool = False
    message: JSON = field(default_factory=dict, repr=False)  # the Bot API Message, kept current
    # When the fake accepted it (time.monotonic), for checking the bot's pacing.
    sent_at: float = field(default_factory=time.monotonic)

    def buttons(self) -> list[tuple[str, str]]:
        """(text, callback_data) of every inline callback button, row by row."""
        rows = (self.reply_markup or {}).get("inline_keyboard") or []
        return [
            (button.get("text", ""), button["callback_data"])
            for row in rows
            for button in row
            if isinstance(button, dict) and "callback_data" in button
        ]


@dataclass
class ChatState:
    chat: JSON  # the Bot API Chat object
    user: JSON | None  # the human on the other side of a private chat
    next_message_id: int = 1
    blocked: bool = False

    def take_message_id(self) -> int:
        # Both sides of a private chat share one message_id sequence, as in Telegram.
        message_id = self.next_message_id
        self.next_message_id += 1
        return message_id


@dataclass
class MessageRecord:
    message: JSON
    from_bot: bool
    sent: SentMessage | None = None
    deleted: bool = False


@dataclass
class CallbackRecord:
    query_id: str
    created: float  # time.monotonic()
    answered: bool = False


class ApiError(Exception):
    """A Bot API error answer. ``kind`` decides which observation list records it."""

    def __init__(
        self,
        status: int,
        description: str,
        *,
        kind: str = "violation",
        retry_after: int | None = None,
    ) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.kind = kind  # violation | forbidden | rate_limited | injected | conflict | internal
        self.retry_after = retry_after


class Pulse:
    """Wakes all waiters whenever state changes.

    ``fire`` is synchronous so the user-side helpers (plain methods) can signal without awaiting;
    waiters re-check their predicate after every pulse instead of polling on a timer.
    """

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def fire(self) -> None:
        self._event.set()
        self._event = asyncio.Event()

    async def wait_for(self, predicate: Callable[[], bool], within: float) -> bool:
        """Wait until predicate() is true (True) or ``within`` seconds passed (False)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + within
        while not predicate():
            remaining = deadline - loop.time()
            if remaining <= 0:
                return False
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._event.wait(), remaining)
        return True


class TokenBucket:
    """Classic token bucket: ``capacity`` burst, refilled at ``rate`` tokens per second."""

    def __init__(self, capacity: float, rate: float) -> None:
        self.capacity = capacity
        self.rate = rate
        self.tokens = capacity
        self.updated: float | None = None

    def _refill(self, now: float) -> None:
        if self.updated is not None:
            self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.rate)
        self.updated = now

    def wait_time(self, now: float) -> float:
        """Seconds until one token is available (0 if available now)."""
        self._refill(now)
        return 0.0 if self.tokens >= 1 else (1 - self.tokens) / self.rate

    def take(self, now: float) -> None:
        self._refill(now)
        self.tokens -= 1


def retry_after_seconds(wait: float) -> int:
    return max(1, math.ceil(wait))
