"""/help, /stop, /mydata and /forget."""

from __future__ import annotations

from telegram import Update

from bot import privacy
from bot.context import Context
from handlers.common import respond, say


def _user_id(update: Update) -> int:
    assert update.effective_user is not None
    return update.effective_user.id


async def help_command(update: Update, context: Context) -> None:
    await respond(update, context, say("help.text"))


async def stop(update: Update, context: Context) -> None:
    user_id = _user_id(update)
    await respond(update, context, lambda s, d: privacy.stop(s, d, user_id))


async def my_data(update: Update, context: Context) -> None:
    user_id = _user_id(update)
    await respond(update, context, lambda s, d: privacy.my_data(s, d, user_id))


async def forget(update: Update, context: Context) -> None:
    user_id = _user_id(update)
    await respond(update, context, lambda s, d: privacy.forget_ask(s, d, user_id))
