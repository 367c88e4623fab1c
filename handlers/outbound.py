"""The Telegram half of delivering the outbox: one claimed message sent, its errors sorted.

`bot.delivery` decides what to send, when, and what each outcome means for the row.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, InputFile
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter
from telegram.ext import ExtBot

from bot.delivery import Attempt, Claimed, Outcome
from handlers.pacing import ALREADY_PACED


class TelegramOutbox:
    """A `bot.delivery.Transport` over the Bot API."""

    def __init__(self, bot: Bot) -> None:
        self._bot = bot
        # The sender has waited its turn with the shared pacer: the limiter must not again.
        paced = isinstance(bot, ExtBot) and bot.rate_limiter is not None
        self._paced: dict[str, Any] = {"rate_limit_args": ALREADY_PACED} if paced else {}

    async def send(self, message: Claimed) -> Attempt:
        try:
            await self.deliver(message)
        except Forbidden as err:
            return Attempt(Outcome.BLOCKED, str(err))
        except RetryAfter as err:
            wait = err.retry_after
            seconds = wait.total_seconds() if isinstance(wait, timedelta) else float(wait)
            return Attempt(Outcome.WAIT, "retry after", seconds)
        except BadRequest as err:
            return Attempt(Outcome.REFUSED, str(err))
        except NetworkError as err:
            return Attempt(Outcome.NETWORK, str(err))
        return Attempt(Outcome.SENT)

    async def deliver(self, message: Claimed) -> None:
        """Send it, letting Telegram's errors through."""
        if message.document is not None:
            file = InputFile(
                message.document.encode("utf-8"), filename=message.document_name or "file.txt"
            )
            await self._bot.send_document(message.chat_id, file, **self._paced)
            return
        assert message.text is not None
        markup = None
        if message.buttons:
            markup = InlineKeyboardMarkup(
                [
                    [InlineKeyboardButton(label, callback_data=data) for label, data in row]
                    for row in message.buttons
                ]
            )
        await self._bot.send_message(
            message.chat_id, message.text, parse_mode=ParseMode.HTML, reply_markup=markup,
            **self._paced,
        )  # fmt: skip
