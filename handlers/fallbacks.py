"""Everything else: unknown commands, stickers and photos, group chats, and errors (counted,
and parked as dead letters once they keep failing)."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import NetworkError

from bot.core import failures
from handlers.common import respond, say
from handlers.context import UPDATE_FAILED, Context
from handlers.ordering import chat_of
from storage.db import is_transient

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
    """Count the failure (never what was said), log it, and tell the person something kind once.

    Webhook mode answers 500 while the update may yet succeed, so Telegram sends it again;
    once it has failed the same way PARK_AFTER times it is parked and answered 200. Under long
    polling it is parked at once: it never comes back, and is not lost without a trace.
    """
    err = context.error
    if not isinstance(update, Update):  # a job, or fetching updates
        if isinstance(err, NetworkError):
            # Telegram out of reach (or slow): python-telegram-bot tries again by itself, so one
            # line each time, not a traceback each time. The class only: never a URL (the token).
            log.warning("Telegram could not be reached (%s); trying again", type(err).__name__)
            return
        log.error("error outside an update", exc_info=err)
        return
    verdict = await _count(update, context)
    if verdict is None or not verdict.parked:
        UPDATE_FAILED.set(True)
    name = failures.error_name(err) if err is not None else "unknown"
    if verdict is None or verdict.attempts == 1:
        # The traceback once; it may quote the person, so never at INFO and never stored.
        log.error("error while handling update %s (%s)", update.update_id, name, exc_info=err)
        await _tell(update, context)
    else:
        log.warning(
            "update %s failed again (%s, attempt %d)", update.update_id, name, verdict.attempts
        )
    if verdict is not None and verdict.parked:
        log.error(
            "update %s given up after %d failed attempt(s) (%s): see `natter deadletters`",
            update.update_id, verdict.attempts, name,
        )  # fmt: skip


async def _count(update: Update, context: Context) -> failures.Verdict | None:
    """The failure counted in its own transaction (the update's own was rolled back); None
    when it is not counted: the database out of reach is nobody's update's fault."""
    err = context.error
    if err is None or is_transient(err):
        return None
    data = context.bot_data
    failure = failures.Failure(update.update_id, chat_of(update), failures.error_name(err))
    resent = data.webhook  # Telegram posts it again unless it is answered 200
    try:
        return await data.db.run(
            lambda session: failures.note_failure(session, failure, data.deps.now(), resent=resent)
        )
    except Exception as counting:
        log.error("could not count a failed update (%s)", failures.error_name(counting))
        return None


async def _tell(update: Update, context: Context) -> None:
    chat = update.effective_chat
    if chat is None or chat.type != "private":
        return
    try:
        await respond(update, context, say("general.error"))
    except Exception:
        log.exception("could not tell the person about the error")
