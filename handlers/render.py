"""Render domain replies as Telegram messages, and send them kindly through Telegram's errors.

The outbox's messages are rendered here too (`handlers.outbound`), so both read the same.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    KeyboardButton,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError
from telegram.ext import ExtBot

from bot.core import (
    CAPTION_LIMIT,
    Reply,
    fit_caption,
    fit_label,
    fit_messages,
    people,
    split_message,
    visible_length,
)
from handlers.context import Context
from handlers.pacing import DANGER, Pace
from prompts import Prompts

log = logging.getLogger(__name__)
T = TypeVar("T")

MAX_ATTEMPTS = 4


@dataclass(frozen=True, slots=True)
class Text:
    text: str  # Telegram HTML, at most 4096 characters as Telegram counts them
    markup: InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove | None = None


@dataclass(frozen=True, slots=True)
class Picture:
    png: bytes
    caption: str


@dataclass(frozen=True, slots=True)
class File:
    body: bytes
    filename: str
    caption: str | None


@dataclass(frozen=True, slots=True)
class Voice:
    file_id: str  # a voice note Telegram already holds, sent again by its id


Piece = Text | Picture | File | Voice  # one Telegram message


Markup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove


def keyboard(prompts: Prompts, reply: Reply, language: str) -> Markup | None:
    if reply.share_contact is not None:
        label = fit_label(prompts, reply.share_contact, language)
        share = [[KeyboardButton(label, request_contact=True)]]
        return ReplyKeyboardMarkup(share, resize_keyboard=True, one_time_keyboard=True)
    if reply.remove_keyboard:
        return ReplyKeyboardRemove()
    if reply.menu and not reply.buttons:
        labels = [[KeyboardButton(fit_label(prompts, s, language))] for s in reply.menu]
        return ReplyKeyboardMarkup(labels, resize_keyboard=True, is_persistent=True)
    if not reply.buttons:
        return None
    # One big button per row (easier to hit on a small phone) unless set `beside` the last.
    rows: list[list[InlineKeyboardButton]] = []
    for b in reply.buttons:
        button = InlineKeyboardButton(fit_label(prompts, b.label, language), callback_data=b.data)
        if b.beside and rows:
            rows[-1].append(button)
        else:
            rows.append([button])
    return InlineKeyboardMarkup(rows)


def pieces(prompts: Prompts, reply: Reply, language: str) -> list[Piece]:
    """The Telegram messages a reply (or a queued outbox message) makes, in the order they go.

    Each fits Telegram's limits whatever was filled in (see bot.core.fitting): this is the one
    place every message Natter sends is composed, replies and the outbox alike.
    """
    messages = fit_messages(prompts, reply.parts, language)
    # A short text with a single file travels as the file's caption: one message, not two.
    caption = ""
    if len(reply.documents) == 1 and not reply.html and len(messages) == 1:
        caption = messages[0] if visible_length(messages[0]) <= CAPTION_LIMIT else ""
    words = [Text(chunk) for chunk in messages] if not caption else []
    fixed = [Text(chunk) for html in reply.html for chunk in split_message(html)]
    # The buttons go under the last of the reply's words; with none, under its fixed HTML
    # (an outbox message queued before the outbox kept prompt keys).
    under = words or fixed
    if under and (markup := keyboard(prompts, reply, language)) is not None:
        under[-1] = Text(under[-1].text, markup)
    out: list[Piece] = [Voice(reply.voice)] if reply.voice else []
    out += [*words, *fixed]
    if reply.photo is not None:
        out.append(Picture(reply.photo.png, fit_caption(prompts, reply.photo.caption, language)))
    for doc in reply.documents:
        body = doc.content
        if body is None:
            body = "\n".join(prompts.plain(s.key, language, **s.params) for s in doc.lines)
        filename = prompts.plain(doc.filename.key, language, **doc.filename.params)
        out.append(File(body.encode("utf-8"), filename, caption or None))
    return out


async def deliver(bot: Bot, chat_id: int, piece: Piece, pace: Pace | None = None) -> None:
    """Send one piece, letting Telegram's errors through."""
    paced = _pacing(bot, pace)
    match piece:
        case Text(text, markup):
            await bot.send_message(
                chat_id, text, parse_mode=ParseMode.HTML, reply_markup=markup, **paced
            )
        case Picture(png, caption):
            # One name for every picture (a QR code, a chart): Telegram shows none of it.
            photo = InputFile(png, filename="picture.png")
            await bot.send_photo(
                chat_id, photo, caption=caption, parse_mode=ParseMode.HTML, **paced
            )
        case Voice(file_id):
            await bot.send_voice(chat_id, file_id, **paced)
        case File(body, filename, caption):
            file = InputFile(body, filename=filename)
            await bot.send_document(
                chat_id, file, caption=caption, parse_mode=ParseMode.HTML, **paced
            )


def _pacing(bot: Bot, pace: Pace | None) -> dict[str, Any]:
    """How to pace a call, where a limiter will hear it (the CLI's plain Bot has none)."""
    if pace is None or not isinstance(bot, ExtBot) or bot.rate_limiter is None:
        return {}
    return {"rate_limit_args": pace}


async def send(context: Context, chat_id: int, reply: Reply, language: str = "en") -> None:
    """Send one reply; a person who blocked the bot is marked unreachable, not retried."""
    pace = DANGER if reply.urgent else None  # help for someone in danger jumps every queue
    prompts = context.bot_data.deps.prompts
    replies: list[Reply] = []
    part: Reply | None = reply
    while part is not None:
        replies.append(part)
        part = part.then
    try:
        for piece in [p for r in replies for p in pieces(prompts, r, language)]:
            await with_retries(lambda piece=piece: deliver(context.bot, chat_id, piece, pace))  # type: ignore[misc]
    except Forbidden:
        await mark_unreachable(context, chat_id)


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


async def rewrite(prompts: Prompts, message: Message, reply: Reply, language: str) -> bool:
    """Rewrite a pressed message as `reply` (one text message); False if it cannot be, so
    the reply goes as a new message instead."""
    found = pieces(prompts, reply, language)
    if len(found) != 1 or not isinstance(found[0], Text):
        return False
    text, markup = found[0].text, found[0].markup
    if markup is not None and not isinstance(markup, InlineKeyboardMarkup):
        return False  # a keyboard under the message box cannot go on an edited message
    try:
        await with_retries(
            lambda: message.edit_text(text, parse_mode=ParseMode.HTML, reply_markup=markup)
        )
    except BadRequest as error:
        # "message is not modified": the same card again (a double tap) is fine as it is.
        return "not modified" in str(error)
    except Forbidden:
        return True
    return True


async def clear_buttons(message: Message) -> None:
    """Take the buttons off a pressed message so it cannot be pressed twice."""
    if message.reply_markup is None:
        return
    try:
        await with_retries(lambda: message.edit_reply_markup(reply_markup=None))
    except (BadRequest, Forbidden):
        log.debug("could not clear buttons on message %s", message.message_id)
