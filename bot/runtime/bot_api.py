"""The Bot API at start-up: a bad token or a wrong address stops Natter with one line that
names the setting to fix (exit status 2); an unreachable Telegram is waited for, with backoff.

No message here ever carries the token: python-telegram-bot's own text for a refused token
quotes it, so errors are described from their kind, not passed on.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Iterable

from telegram import Bot
from telegram.error import InvalidToken, NetworkError, TelegramError

from bot.runtime.logs import redact
from bot.runtime.settings import ConfigError, Settings

log = logging.getLogger(__name__)
FIRST_WAIT = 1.0
LONGEST_WAIT = 60.0


class BotApiRefused(ConfigError):
    """Telegram (or the configured Bot API server) refused the token or has no such address."""


def make_bot(settings: Settings) -> Bot:
    """A plain Bot through the configured Bot API, for work done without polling."""
    if settings.base_url and settings.base_file_url:
        return Bot(
            settings.require_token(),
            base_url=settings.base_url,
            base_file_url=settings.base_file_url,
        )
    return Bot(settings.require_token())


def describe(err: TelegramError, secrets: Iterable[str] = ()) -> str:
    """One line about what went wrong, without the token."""
    if isinstance(err, InvalidToken):
        # Bot.initialize wraps the server's answer ("Unauthorized" or "Not Found").
        answer = err.__cause__ if isinstance(err.__cause__, TelegramError) else err
        if "unauthorized" in answer.message.lower():
            return (
                "Telegram refused the bot token (401 Unauthorized): check TELEGRAM_BOT_TOKEN "
                "(the token from @BotFather)."
            )
        return (
            "The Bot API answered 404 Not Found: check TELEGRAM_BASE_URL (unset it for "
            "Telegram's own servers) and that TELEGRAM_BOT_TOKEN looks like 123456:ABC..."
        )
    if isinstance(err, NetworkError):
        return f"Telegram cannot be reached ({type(err).__name__})"
    return redact(f"Telegram answered: {err.message}", secrets)


async def wait_for_bot_api(
    settings: Settings, sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
) -> str:
    """The bot's username once the Bot API answers; raises BotApiRefused for a bad token or
    address, and waits (1 s, doubling to a minute) while Telegram cannot be reached."""
    wait = FIRST_WAIT
    while True:
        try:
            async with make_bot(settings) as bot:
                return bot.username
        except InvalidToken as err:
            raise BotApiRefused(describe(err, settings.secrets)) from None
        except NetworkError as err:
            log.warning("%s; trying again in %.0f s", describe(err, settings.secrets), wait)
        await sleep(wait)
        wait = min(wait * 2, LONGEST_WAIT)
