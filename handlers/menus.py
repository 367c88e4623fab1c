"""The command menu beside one chat's message box, set through the Bot API (bot.guide says
which). A failed call never undoes what it followed (joining, forgetting): it is logged, and
the menu is set again at the person's next /help, and for the team at the next start-up."""

from __future__ import annotations

import logging

from telegram import Bot, BotCommand, BotCommandScopeChat
from telegram.error import TelegramError

from bot import guide
from bot.core import CommandMenu
from handlers.render import with_retries
from prompts import Prompts
from storage.db import Database

log = logging.getLogger(__name__)


def listed(prompts: Prompts, names: tuple[str, ...], language: str = "en") -> list[BotCommand]:
    return [BotCommand(name, prompts.plain(f"commands.{name}", language)) for name in names]


async def set_menu(bot: Bot, prompts: Prompts, chat_id: int, menu: CommandMenu) -> bool:
    """Set (or, for the default, take away) this chat's own menu; False if Telegram failed."""
    scope = BotCommandScopeChat(chat_id)
    try:
        if menu.is_default:
            await with_retries(lambda: bot.delete_my_commands(scope=scope))
        else:
            commands = listed(prompts, menu.names)
            await with_retries(lambda: bot.set_my_commands(commands, scope=scope))
    except TelegramError as err:
        # Its kind only (Telegram's words may quote what was sent), and no chat id: this may
        # follow forgetting someone.
        log.warning("a command menu was not changed (%s)", type(err).__name__)
        return False
    return True


async def set_default(bot: Bot, prompts: Prompts) -> None:
    """The bot's own menu, for every chat without one of its own: the participant's."""
    await bot.set_my_commands(listed(prompts, guide.PARTICIPANT_COMMANDS))


async def set_team_menus(db: Database, bot: Bot, prompts: Prompts) -> int:
    """Set every volunteer's and team member's menu again (at start-up: one that failed to set
    before heals); returns how many were set."""
    async with db.transaction() as session:
        wanted = await guide.team_menus(session)
    done = 0
    for chat_id, menu in wanted.items():
        done += await set_menu(bot, prompts, chat_id, menu)
    log.info("command menus set again for %d of %d team chats", done, len(wanted))
    return done
