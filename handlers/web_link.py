"""/web: a one-time link to the staff web page, for staff and the programme team."""

from __future__ import annotations

from telegram import Update

from bot import web as desk
from handlers.common import respond
from handlers.context import Context


async def web(update: Update, context: Context) -> None:
    user = update.effective_user
    assert user is not None
    config = context.bot_data.web
    await respond(
        update, context, lambda session, deps: desk.sign_in_link(session, deps, user.id, config)
    )
