"""Render domain replies as Telegram messages, and send them kindly through Telegram's errors."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    KeyboardButton,
    Message,
    ReplyKeyboardMarkup,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError

from bot.core import Reply, people, split_message
from handlers.context import Context
from prompts import Prompts

log = logging.getLogger(__name__)
T = TypeVar("T")

MAX_ATTEMPTS = 4


def render_text(prompts: Prompts, reply: Reply, language: str) -> str:
    return "\n\n".join(prompts.text(say.key, language, **say.params) for say in reply.parts)


def keyboard(
    prompts: Prompts, reply: Reply, language: str
) -> InlineKeyboardMarkup | ReplyKeyboardMarkup | None:
    if reply.menu and not reply.buttons:
        labels = [[KeyboardButton(prompts.plain(s.key, language, **s.params))] for s in reply.menu]
        return ReplyKeyboardMarkup(labels, resize_keyboard=True, is_persistent=True)
    if not reply.buttons:
        return None
    # One big button per row (easier to hit on a small phone) unless set `beside` the last.
    rows: list[list[InlineKeyboardButton]] = []
    for b in reply.buttons:
        button = InlineKeyboardButton(
            prompts.plain(b.label.key, language, **b.label.params), callback_data=b.data
        )
        if b.beside and rows:
            rows[-1].append(button)
        else:
            rows.append([button])
    return InlineKeyboardMarkup(rows)


async def send(context: Context, chat_id: int, reply: Reply, language: str = "en") -> None:
    """Send one reply; a person who blocked the bot is marked unreachable, not retried."""
    prompts = context.bot_data.deps.prompts
    text = render_text(prompts, reply, language) if reply.parts else ""
    # A short text with a single file travels as the file's caption: one message, not two.
    caption = text if len(reply.documents) == 1 and not reply.html and len(text) <= 1024 else ""
    try:
        if text and not caption:
            chunks = split_message(text)
            markup = keyboard(prompts, reply, language)
            for i, chunk in enumerate(chunks):
                await _send_text(context, chat_id, chunk, markup if i == len(chunks) - 1 else None)
        for html in reply.html:
            for chunk in split_message(html):
                await _send_text(context, chat_id, chunk, None)
        if reply.photo is not None:
            photo = reply.photo
            caption_text = prompts.text(photo.caption.key, language, **photo.caption.params)
            await with_retries(
                lambda: context.bot.send_photo(
                    chat_id,
                    InputFile(photo.png, filename="invite.png"),
                    caption=caption_text,
                    parse_mode=ParseMode.HTML,
                )
            )
        for doc in reply.documents:
            body = doc.content
            if body is None:
                body = "\n".join(prompts.plain(s.key, language, **s.params) for s in doc.lines)
            file = InputFile(
                body.encode("utf-8"),
                filename=prompts.plain(doc.filename.key, language, **doc.filename.params),
            )
            await with_retries(
                lambda file=file: context.bot.send_document(  # type: ignore[misc]
                    chat_id, file, caption=caption or None, parse_mode=ParseMode.HTML
                )
            )
    except Forbidden:
        await mark_unreachable(context, chat_id)


async def _send_text(
    context: Context,
    chat_id: int,
    text: str,
    markup: InlineKeyboardMarkup | ReplyKeyboardMarkup | None,
) -> None:
    await with_retries(
        lambda: context.bot.send_message(
            chat_id, text, parse_mode=ParseMode.HTML, reply_markup=markup
        )
    )


async def with_retries(call: Callable[[], Awaitable[T]]) -> T:
    """Retry 5xx and network errors with backoff (429s are the rate limiter's, see bot.app)."""
    for attempt in range(1, MAX_ATTEMPTS + 1):
        try:
            return await call()
        except BadRequest:
            raise  # our mistake, not Telegram's: retrying would fail the same way
        except NetworkError:
            if attempt == MAX_ATTEMPTS:
                raise
            await asyncio.sleep(0.25 * 2**attempt)
    raise AssertionError("unreachable")


async def mark_unreachable(context: Context, chat_id: int) -> None:
    log.info("chat %s blocked the bot; marking unreachable", chat_id)
    async with context.bot_data.db.transaction() as session:
        await people.mark_unreachable(session, chat_id)


async def clear_buttons(message: Message) -> None:
    """Take the buttons off a pressed message so it cannot be pressed twice."""
    if message.reply_markup is None:
        return
    try:
        await with_retries(lambda: message.edit_reply_markup(reply_markup=None))
    except (BadRequest, Forbidden):
        log.debug("could not clear buttons on message %s", message.message_id)
