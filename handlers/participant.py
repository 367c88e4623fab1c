"""Joining, answering and commenting."""

from __future__ import annotations

from datetime import timedelta

from telegram import Message, Update

from bot import care, conversation, joining, voice
from bot.core import Incoming, storable
from handlers.common import respond
from handlers.context import Context


async def start(update: Update, context: Context) -> None:
    user = update.effective_user
    assert user is not None
    payload = context.args[0] if context.args else None
    await respond(update, context, lambda s, d: joining.start(s, d, user.id, payload))


async def message(update: Update, context: Context) -> None:
    """Words or a voice message."""
    incoming = _incoming(update.message)
    await respond(update, context, lambda s, d: conversation.receive(s, d, incoming))
    worker = context.bot_data.voice
    if incoming.voice_file_id is not None and worker is not None:
        # Stored (and thanked for) first; its words follow once heard, off the event loop.
        job = voice.VoiceJob(incoming.chat_id, incoming.message_id, incoming.voice_file_id)
        worker.submit(job)


async def shared_contact(update: Update, context: Context) -> None:
    """A phone number shared with Telegram's own button, after "Please contact me"."""
    message = update.message
    assert message is not None and message.from_user is not None and message.contact
    user, contact = message.from_user.id, message.contact
    await respond(
        update, context,
        lambda s, d: care.number_shared(s, d, user, contact.phone_number, contact.user_id),
    )  # fmt: skip


async def edited(update: Update, context: Context) -> None:
    incoming = _incoming(update.edited_message)
    await respond(update, context, lambda s, d: conversation.edited(s, d, incoming))


def _incoming(message: Message | None) -> Incoming:
    assert message is not None and message.from_user is not None
    voice = message.voice
    return Incoming(
        telegram_id=message.from_user.id,
        chat_id=message.chat_id,
        message_id=message.message_id,
        text=storable(message.text) if message.text is not None else None,
        voice_file_id=voice.file_id if voice else None,
        voice_seconds=int(seconds(voice.duration)) if voice else None,
    )


def seconds(value: float | timedelta) -> float:
    """Durations arrive as timedelta with PTB_TIMEDELTA set (see bot.cli), else as seconds."""
    return value.total_seconds() if isinstance(value, timedelta) else float(value)
