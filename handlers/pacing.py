"""Every message a reply sends goes through Natter's own pacer (`bot.delivery.Pacer`).

python-telegram-bot's AIORateLimiter paused every request on any 429, so one chat's flood
made everyone wait. Here a 429 holds only the chat it was about, each chat keeps its own
one-a-second turn, and help for someone in danger takes the next overall slot.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

from bot.delivery import Pacer, Urgency

log = logging.getLogger(__name__)
RETRIES_AFTER_429 = 3
# The methods that put a message in a chat, and so count towards Telegram's limits.
SENDS = frozenset(
    {
        "sendMessage", "sendDocument", "sendPhoto", "sendVoice", "sendAudio", "sendVideo",
        "sendAnimation", "sendSticker", "sendMediaGroup", "sendLocation", "sendContact",
        "copyMessage", "forwardMessage", "editMessageText", "editMessageCaption",
        "editMessageMedia", "editMessageReplyMarkup",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Pace:
    """How a call is paced: at an urgency, or not at all (the caller paced it already)."""

    urgency: Urgency | None


DANGER = Pace(Urgency.DANGER)
ALREADY_PACED = Pace(None)  # the outbox sender waits its turn before it calls


def seconds(wait: float | timedelta) -> float:
    return wait.total_seconds() if isinstance(wait, timedelta) else float(wait)


class PacedRequests(BaseRateLimiter[Pace]):
    def __init__(self, pacer: Pacer, retries: int = RETRIES_AFTER_429) -> None:
        self.pacer = pacer
        self._retries = retries

    async def initialize(self) -> None:
        """Nothing to set up: the pacer lives as long as the application."""

    async def shutdown(self) -> None:
        """Nothing to release."""

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: Pace | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        chat = data.get("chat_id")
        paced = rate_limit_args or Pace(Urgency.REPLY)
        if endpoint not in SENDS or not isinstance(chat, int) or paced.urgency is None:
            return await callback(*args, **kwargs)
        for attempt in itertools.count(1):
            await self.pacer.wait(chat, paced.urgency)
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as err:
                if attempt > self._retries:
                    raise
                wait = seconds(err.retry_after)
                log.info("chat %s: Telegram asked to wait %.0f s; only that chat waits", chat, wait)
                self.pacer.hold(chat, wait)
        raise AssertionError("unreachable")
