"""Queueing a message for the outbox: the domain hands over what to say as data, never HTML."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import Reply, reply_to_json
from prompts.catalogue import DEFAULT_LANGUAGE
from storage.repositories import outbox


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
) -> bool:
    """Queue `reply` for `chat_id`, in this transaction, unless `key` is queued already; True if
    it was added. It is rendered in `language` when sent, exactly as a reply would be."""
    return await outbox.enqueue(
        session, key=key, kind=kind, chat_id=chat_id, person_id=person_id, now=now,
        message=reply_to_json(reply), language=language, priority=priority,
    )  # fmt: skip
