"""The command menu of someone the command line took off a team or forgot: through the Bot
API, after the change has committed. Telegram failing (or no token here) never undoes the
change: it is logged, and the menu is set again at their next /help."""

from __future__ import annotations

import logging

from telegram.error import TelegramError

from bot.core import CommandMenu
from bot.runtime import Settings, describe, make_bot
from handlers import menus
from prompts import Prompts

log = logging.getLogger(__name__)
LATER = "it is set again when they next send /help"


async def change_menu(
    settings: Settings, prompts: Prompts, chat_id: int, menu: CommandMenu
) -> None:
    if not settings.token:
        log.warning("command menu not changed: TELEGRAM_BOT_TOKEN is not set here; %s", LATER)
        return
    try:
        async with make_bot(settings) as bot:
            changed = await menus.set_menu(bot, prompts, chat_id, menu)
    except TelegramError as err:  # described, never printed: its text may quote the token
        log.warning("command menu not changed: %s; %s", describe(err, settings.secrets), LATER)
        return
    if not changed:
        log.warning("command menu not changed; %s", LATER)
