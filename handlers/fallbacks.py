"""Everything else: unknown commands, stickers and photos, group chats, and errors."""

from __future__ import annotations

import logging

from telegram import Update

from handlers.common import respond, say
from handlers.context import UPDATE_FAILED, Context

log = logging.getLogger(__name__)


async def unknown_command(update: Update, context: Context) -> None:
    await respond(update, context, say("general.unknown_command"))


async def unsupported(update: Update, context: Context) -> None:
    """Stickers, photos, locations, contacts...: nothing is kept, and we ask for words instead."""
    await respond(update, context, say("comment.unsupported"))


async def group_command(update: Update, context: Context) -> None:
    """In a group, point people to a private chat rather than collect anything in public."""
    await respond(update, context, say("comment.group_chat"))


async def error(update: object, context: Context) -> None:
    """Log the failure (never what was said) and tell the person something kind."""
    log.error("error while handling an update", exc_info=context.error)
    UPDATE_FAILED.set(True)
    if (
        isinstance(update, Update)
        and update.effective_chat
        and update.effective_chat.type == "private"
    ):
        try:
            await respond(update, context, say("general.error"))
        except Exception:
            log.exception("could not tell the person about the error")
