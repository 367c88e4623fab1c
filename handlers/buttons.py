"""Button presses: handed whole to the domain (bot.conversation.pressed), which parses the data
strictly and checks it against the dialogue state; this says what came of it."""

from __future__ import annotations

import logging

from telegram import CallbackQuery, Message, Update
from telegram.error import BadRequest

from bot import conversation
from bot.core import TOAST_LIMIT, Press, Reply, fit_label
from handlers import render
from handlers.common import across_workers, change_menu, language, send
from handlers.context import Context
from handlers.ordering import chat_of

log = logging.getLogger(__name__)


async def pressed(update: Update, context: Context) -> None:
    query = update.callback_query
    assert query is not None
    user_id = query.from_user.id
    deps = context.bot_data.deps
    press = Press(user_id, query.data, language(update), context.bot.username)
    reply: Reply | None = await context.bot_data.db.run(
        lambda session: conversation.pressed(session, deps, press),
        chat=across_workers(context, chat_of(update)),
    )
    prompts = context.bot_data.deps.prompts
    if reply is None:
        # Stale or forged: say so on the button, change nothing.
        log.info("stale or unknown button from chat %s", user_id)
        await _answer(query, prompts.plain("general.stale_button", language(update)))
        return
    toast = reply.toast
    await _answer(
        query, fit_label(prompts, toast, language(update), TOAST_LIMIT) if toast else None
    )
    message = query.message if isinstance(query.message, Message) else None
    if (
        message
        and reply.in_place
        and await render.rewrite(prompts, message, reply, language(update))
    ):
        return
    if isinstance(query.message, Message) and not reply.keep_buttons:
        await render.clear_buttons(query.message)
    if not reply.is_empty:
        await send(context, user_id, reply, language(update))
    change_menu(context, user_id, reply)


async def _answer(query: CallbackQuery, text: str | None) -> None:
    try:
        await render.with_retries(lambda: query.answer(text=text))
    except BadRequest:
        # The query is too old to answer (the bot was down for a while): harmless.
        log.debug("callback query could not be answered")
