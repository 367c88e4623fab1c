"""Staff and programme team commands: /digest and /export."""

from __future__ import annotations

from telegram import Update

from bot import answers, care, collective, report_flow, team
from bot.context import Context
from handlers.common import respond


def _user_id(update: Update) -> int:
    assert update.effective_user is not None
    return update.effective_user.id


async def digest(update: Update, context: Context) -> None:
    user_id = _user_id(update)
    await respond(update, context, lambda s, d: team.preview(s, d, user_id))


async def replies(update: Update, context: Context) -> None:
    user_id = _user_id(update)
    await respond(update, context, lambda s, d: answers.show(s, d, user_id))


async def invite(update: Update, context: Context) -> None:
    user_id = _user_id(update)
    await respond(update, context, lambda s, d: team.invite_ask(s, d, user_id))


async def ask(update: Update, context: Context) -> None:
    user_id = _user_id(update)
    await respond(update, context, lambda s, d: collective.ask_start(s, d, user_id))


async def flagged(update: Update, context: Context) -> None:
    user_id = _user_id(update)
    await respond(update, context, lambda s, d: care.flagged(s, d, user_id))


async def report(update: Update, context: Context) -> None:
    user_id = _user_id(update)
    await respond(update, context, lambda s, d: report_flow.report_ask(s, d, user_id))


async def export(update: Update, context: Context) -> None:
    user_id = _user_id(update)
    await respond(update, context, lambda s, d: team.export_ask(s, d, user_id))
