"""The Bot API for commands that run without polling: the bot's username, and sending."""

from __future__ import annotations

from telegram.error import TelegramError

from bot.cli.operator import OperatorError
from bot.runtime import Settings, describe, make_bot

__all__ = ["bot_username", "make_bot"]


async def bot_username(settings: Settings) -> str:
    """The bot's username, from getMe through the configured Bot API."""
    try:
        async with make_bot(settings) as bot:
            return bot.username
    except TelegramError as err:
        raise OperatorError(
            f"could not ask Telegram for the bot's username. {describe(err, settings.secrets)} "
            "Or pass --bot-username NAME."
        ) from None
