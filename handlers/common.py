"""The one way a handler does work: one transaction for the domain call, then the reply."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import Update

from bot.core import Deps, Reply
from handlers import menus, render
from handlers.context import Context

log = logging.getLogger(__name__)

Work = Callable[[AsyncSession, Deps], Awaitable[Reply | None]]
UserWork = Callable[[AsyncSession, Deps, int], Awaitable[Reply | None]]
Handler = Callable[[Update, Context], Coroutine[Any, Any, None]]


async def respond(update: Update, context: Context, work: Work) -> None:
    """Run `work` in one unit of work; reply only after it has committed."""
    chat = update.effective_chat
    assert chat is not None
    deps = context.bot_data.deps
    turn = across_workers(context, chat.id)
    reply = await context.bot_data.db.run(lambda session: work(session, deps), chat=turn)
    log.info("update %s handled for chat %s", update.update_id, chat.id)
    if reply is not None and not reply.is_empty:
        await send(context, chat.id, reply, language(update))
    change_menu(context, chat.id, reply)


async def send(context: Context, chat_id: int, reply: Reply, lang: str) -> None:
    """Help for someone in danger at once; any other reply in its chat's line, so the chat's
    next update need not wait for Telegram's one-a-second turn."""
    if reply.urgent:
        await render.send(context, chat_id, reply, lang)
    else:
        context.bot_data.replies.post(chat_id, lambda: render.send(context, chat_id, reply, lang))


def change_menu(context: Context, chat_id: int, reply: Reply | None) -> None:
    """The chat's command menu, when the reply says it changed: after the reply, in its line."""
    menu = reply.commands if reply is not None else None
    if menu is None:
        return
    bot, prompts = context.bot, context.bot_data.deps.prompts

    async def set_it() -> None:
        await menus.set_menu(bot, prompts, chat_id, menu)

    context.bot_data.replies.post(chat_id, set_it)


def across_workers(context: Context, chat: int | None) -> int | None:
    """The chat whose turn a unit of work takes across processes (Database.run), in webhook
    mode; otherwise none is needed: one process polls, and handlers/ordering.py keeps its
    chats' turns (and a lock would cost every message a round trip to PostgreSQL)."""
    return chat if context.bot_data.webhook else None


def language(update: Update) -> str:
    user = update.effective_user
    return (user.language_code or "en")[:2] if user else "en"


def say(key: str) -> Work:
    """Work that only answers with one fixed prompt."""

    async def work(_session: AsyncSession, _deps: Deps) -> Reply:
        return Reply.of(key)

    return work


def for_user(work: UserWork) -> Handler:
    """A command handler that calls `work(session, deps, the sender's Telegram id)`."""

    async def handler(update: Update, context: Context) -> None:
        user = update.effective_user
        assert user is not None
        await respond(update, context, lambda session, deps: work(session, deps, user.id))

    return handler
