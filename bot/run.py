"""Running the bot against Telegram (or a self-hosted Bot API server)."""

from __future__ import annotations

import asyncio
import logging

from telegram import Bot, Update
from telegram.error import TelegramError

from bot import logs
from bot.app import build_application, production_builder
from bot.config import Settings
from bot.operator import OperatorError
from prompts import Prompts
from storage.db import Database
from storage.migrate import upgrade

log = logging.getLogger(__name__)
ALLOWED_UPDATES = [Update.MESSAGE, Update.EDITED_MESSAGE, Update.CALLBACK_QUERY]


def run_polling(settings: Settings, prompts: Prompts) -> None:
    settings.require_token()  # before touching the database: fail fast and leave nothing behind
    logs.configure(settings.log_level)
    asyncio.run(_upgrade(settings.database_url))
    db = Database(settings.database_url)
    app = build_application(production_builder(settings), db, prompts, settings)
    log.info("Natter is starting (long polling, %s database)", db.backend)
    # Updates sent while Natter was down are kept and handled now, never dropped.
    app.run_polling(allowed_updates=ALLOWED_UPDATES, drop_pending_updates=False)


async def _upgrade(url: str) -> None:
    db = Database(url)
    try:
        await upgrade(db)
    finally:
        await db.dispose()


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
