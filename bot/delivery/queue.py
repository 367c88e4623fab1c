"""Queueing a message for the outbox: the domain hands over what to say as data, never HTML."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import Reply, reply_to_json
from prompts.catalogue import DEFAULT_LANGUAGE
from storage.models import Channel
from storage.repositories import outbox
from storage.repositories.digests import Recipient


async def enqueue(
    session: AsyncSession,
    *,
    key: str,
    kind: str,
    chat_id: int,
    person_id: int | None,
    reply: Reply,
    now: datetime,
    language: str = DEFAULT_LANGUAGE,
    priority: int = 100,
    channel: Channel = Channel.TELEGRAM,
) -> bool:
    """Queue `reply` for `chat_id`, in this transaction, unless `key` is queued already; True if
    it was added. It is rendered in `language` when sent, exactly as a reply would be."""
    return await outbox.enqueue(
        session, key=key, kind=kind, chat_id=chat_id, person_id=person_id, now=now,
        message=reply_to_json(reply), language=language, priority=priority, channel=channel,
    )  # fmt: skip


def channels_for(recipient: Recipient) -> tuple[Channel, ...]:
    """Where a team member's digests and alerts go: as they chose, but never to an address
    they have not given (then Telegram, so an alert is never lost)."""
    channels = recipient.delivery.channels
    if recipient.email is None:
        return (Channel.TELEGRAM,)
    return channels
