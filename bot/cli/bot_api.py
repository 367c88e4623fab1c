"""The Bot API for commands that run without polling: the bot's username, and sending."""

from __future__ import annotations

from telegram import Bot
from telegram.error import TelegramError

from bot.cli.operator import OperatorError
from bot.runtime import Settings


def make_bot(settings: Settings) -> Bot:
    """A plain Bot through the configured Bot API, for commands that run without polling."""
    if settings.base_url and settings.base_file_url:
        return Bot(
            settings.require_token(),
            base_url=settings.base_url,
            base_file_url=settings.base_file_url,
        )
    return Bot(settings.require_token())


async def bot_username(settings: Settings) -> str:
    """The bot's username, from getMe through the configured Bot API."""
    try:
        async with make_bot(settings) as bot:
            return bot.username
    except TelegramError as err:
        raise OperatorError(
            f"could not ask Telegram for the bot's username ({err}); pass --bot-username NAME."
        ) from None
