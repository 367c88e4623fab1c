"""Button presses. The data is parsed strictly and checked against the dialogue state."""

from __future__ import annotations

import logging

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import CallbackQuery, Message, Update
from telegram.error import BadRequest

from bot import (
    care,
    checkins,
    conversation,
    joining,
    privacy,
    questions,
    relay,
    replies,
    reports,
    team,
)
from bot.core import Deps, Reply
from bot.core import button_data as callbacks
from handlers import render
from handlers.common import language
from handlers.context import Context

log = logging.getLogger(__name__)


async def pressed(update: Update, context: Context) -> None:
    query = update.callback_query
    assert query is not None
    user_id = query.from_user.id
    parsed = callbacks.decode(query.data)
    reply: Reply | None = None
    if parsed is not None:
        deps, bot_name, lang = context.bot_data.deps, context.bot.username, language(update)
        reply = await context.bot_data.db.run(
            lambda session: _dispatch(session, deps, user_id, parsed, lang, bot_name)
        )
    prompts = context.bot_data.deps.prompts
    if reply is None:
        # Stale or forged: say so on the button, change nothing.
        log.info("stale or unknown button from chat %s", user_id)
        await _answer(query, prompts.plain("general.stale_button", language(update)))
        return
    toast = reply.toast
    await _answer(
        query, prompts.plain(toast.key, language(update), **toast.params) if toast else None
    )
    if isinstance(query.message, Message) and not reply.keep_buttons:
        await render.clear_buttons(query.message)
    if not reply.is_empty:
        await render.send(context, user_id, reply, language(update))


async def _answer(query: CallbackQuery, text: str | None) -> None:
    try:
        await render.with_retries(lambda: query.answer(text=text))
    except BadRequest:
        # The query is too old to answer (the bot was down for a while): harmless.
        log.debug("callback query could not be answered")


async def _dispatch(
    session: AsyncSession,
    deps: Deps,
    user_id: int,
    parsed: callbacks.Callback,
    lang: str,
    bot_username: str,
) -> Reply | None:
    args = parsed.args
    match parsed.action:
        case "join":
            return await joining.answer(session, deps, user_id, args[0], args[1], lang)
        case "skip":
            return await conversation.skip_question(
                session, deps, user_id, int(args[0]), int(args[1])
            )
        case "pick":
            return await conversation.pick_project(session, deps, user_id, int(args[0]))
        case "forget":
            return await privacy.forget_answer(session, deps, user_id, args[0])
        case "nproj" | "nplace" | "nwhen" | "ncount":
            return await relay.pressed(session, deps, user_id, parsed.action, args)
        case "ntag" | "none" | "nundo" | "ndone" | "nadd":
            return await relay.note_pressed(session, deps, user_id, parsed.action, args)
        case "rtick" | "rgo" | "rnext" | "rupd" | "rupdpick" | "rout" | "rsend" | "rcancel":
            return await replies.pressed(session, deps, user_id, parsed.action, args)
        case "inv":
            return await team.invite_link(
                session, deps, user_id, args[0], int(args[1]), bot_username
            )
        case "cskip":
            return await questions.skip_programme(session, deps, user_id, int(args[0]))
        case "flg":
            return await care.reviewed(session, deps, user_id, int(args[0]))
        case "report":
            return await reports.report_for(session, deps, user_id, args[0])
        case "chk" | "chksnooze" | "chkaway" | "chkweeks" | "chkdone" | "optout":
            return await checkins.pressed(session, deps, user_id, parsed.action, args)
        case "export":
            return await team.export(session, deps, user_id, args[0])
    return None
