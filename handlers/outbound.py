"""The Telegram half of delivering the outbox: one claimed message sent, its errors sorted.

`bot.delivery` decides what to send, when, and what each outcome means for the row. A row is
rendered exactly like a reply (`handlers.render`); one that makes several Telegram messages (a
long text) sends the next of them on each claim.
"""

from __future__ import annotations

from telegram import Bot
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter

from bot.delivery import Attempt, Claimed, Outcome
from handlers import render
from handlers.pacing import ALREADY_PACED, seconds
from prompts import Prompts


class Unrenderable(Exception):
    """The message names a prompt or value these prompts do not have."""


class TelegramOutbox:
    """A `bot.delivery.Transport` over the Bot API."""

    def __init__(self, bot: Bot, prompts: Prompts) -> None:
        self._bot = bot
        self._prompts = prompts

    async def send(self, message: Claimed) -> Attempt:
        try:
            more = await self.deliver(message)
        except Unrenderable as err:
            return Attempt(Outcome.REFUSED, str(err))
        except Forbidden as err:
            return Attempt(Outcome.BLOCKED, str(err))
        except RetryAfter as err:
            return Attempt(Outcome.WAIT, "retry after", seconds(err.retry_after))
        except BadRequest as err:
            return Attempt(Outcome.REFUSED, str(err))
        except NetworkError as err:
            return Attempt(Outcome.NETWORK, str(err))
        return Attempt(Outcome.SENT, more=more)

    async def deliver(self, message: Claimed) -> bool:
        """Send its next Telegram message, letting Telegram's errors through; True if more are
        still to go."""
        try:
            pieces = render.pieces(self._prompts, message.reply, message.language)
        except (KeyError, IndexError, ValueError) as err:  # the reason only: never its words
            raise Unrenderable(f"cannot render: {type(err).__name__} {err}"[:300]) from None
        if not pieces:
            raise Unrenderable("cannot render: there is nothing to send")
        if message.parts_sent < len(pieces):
            # The sender has waited its turn with the shared pacer: the limiter must not again.
            piece = pieces[message.parts_sent]
            await render.deliver(self._bot, message.chat_id, piece, ALREADY_PACED)
        return message.parts_sent + 1 < len(pieces)
