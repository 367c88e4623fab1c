"""The durable outbox: messages Natter sends on its own, claimed one at a time for delivery."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Channel, Outbox, OutboxStatus
from storage.upsert import insert_ignoring_conflicts


async def enqueue(
    session: AsyncSession,
    *,
    key: str,
    kind: str,
    chat_id: int,
    person_id: int | None,
    now: datetime,
    message: str,
    language: str,
    priority: int = 100,
    channel: Channel = Channel.TELEGRAM,
) -> bool:
    """Add a message (its JSON, see bot.core.reply_to_json) unless one with this key exists;
    True if it was added."""
    statement = insert_ignoring_conflicts(
        session,
        Outbox,
        key=key,
        kind=kind,
        chat_id=chat_id,
        channel=channel.value,
        person_id=person_id,
        priority=priority,
        message=message,
        language=language,
        parts_sent=0,
        status=OutboxStatus.PENDING.value,
        attempts=0,
        next_attempt_at=now,
        created_at=now,
    )
    return (await session.execute(statement)).first() is not None


async def claim_next(
    session: AsyncSession, now: datetime, lease: timedelta, skip_chats: Sequence[int] = ()
) -> Outbox | None:
    """Take the most urgent due message not for `skip_chats`; it is `sending` till now + lease.

    A message left `sending` by a crashed sender is due again once its lease runs out; that
    one message may then be sent twice, which is the only duplicate the outbox allows.
    """
    due = (
        select(Outbox)
        .where(
            or_(Outbox.status == OutboxStatus.PENDING, Outbox.status == OutboxStatus.SENDING),
            Outbox.next_attempt_at <= now,
        )
        .order_by(Outbox.priority, Outbox.id)
        .limit(1)
    )
    if skip_chats:
        # A busy chat holds back its Telegram messages only: email is not paced by chat.
        due = due.where(or_(Outbox.chat_id.not_in(skip_chats), Outbox.channel == Channel.EMAIL))
    if session.bind.dialect.name == "postgresql":
        due = due.with_for_update(skip_locked=True)
    row = await session.scalar(due)
    if row is None:
        return None
    # Guard on the values just read, so two senders on SQLite cannot both take the row.
    claimed = await session.execute(
        update(Outbox)
        .where(
            Outbox.id == row.id,
            Outbox.status == row.status,
            Outbox.next_attempt_at == row.next_attempt_at,
        )
        .values(
            status=OutboxStatus.SENDING, next_attempt_at=now + lease, attempts=Outbox.attempts + 1
        )
        .execution_options(synchronize_session=False)
    )
    if not getattr(claimed, "rowcount", 0):
        return None
    await session.refresh(row)
    return row


async def any_due(session: AsyncSession, now: datetime) -> bool:
    found = await session.scalar(
        select(Outbox.id)
        .where(
            or_(Outbox.status == OutboxStatus.PENDING, Outbox.status == OutboxStatus.SENDING),
            Outbox.next_attempt_at <= now,
        )
        .limit(1)
    )
    return found is not None


async def finish(
    session: AsyncSession,
    outbox_id: int,
    status: OutboxStatus,
    now: datetime,
    error: str | None = None,
) -> None:
    values: dict[str, object] = {"status": status, "last_error": error}
    if status is OutboxStatus.SENT:
        values["sent_at"] = now
    await session.execute(update(Outbox).where(Outbox.id == outbox_id).values(**values))


async def next_part(session: AsyncSession, outbox_id: int, now: datetime) -> None:
    """One Telegram message of several went: the row waits for its chat's next turn."""
    await session.execute(
        update(Outbox)
        .where(Outbox.id == outbox_id)
        .values(
            status=OutboxStatus.PENDING,
            parts_sent=Outbox.parts_sent + 1,
            attempts=0,  # tries count per Telegram message, so a long one is not given up early
            next_attempt_at=now,
            last_error=None,
        )
    )


async def retry_later(session: AsyncSession, outbox_id: int, when: datetime, error: str) -> None:
    await session.execute(
        update(Outbox)
        .where(Outbox.id == outbox_id)
        .values(status=OutboxStatus.PENDING, next_attempt_at=when, last_error=error[:300])
    )


async def listing(session: AsyncSession, statuses: Sequence[OutboxStatus]) -> Sequence[Outbox]:
    return (
        await session.scalars(
            select(Outbox).where(Outbox.status.in_(statuses)).order_by(Outbox.priority, Outbox.id)
        )
    ).all()


async def counts_by_status(session: AsyncSession) -> dict[OutboxStatus, int]:
    """How many messages are in each state (for `natter status`)."""
    rows = await session.execute(select(Outbox.status, func.count()).group_by(Outbox.status))
    return dict(rows.tuples().all())


async def kept_for_others(
    session: AsyncSession, person_id: int, names: Sequence[str]
) -> Sequence[Outbox]:
    """Messages for someone else that may quote this person, sent or not: every digest, alert
    and round-up, and anything else naming them (as json.dumps writes a name:
    ensure_ascii=False)."""
    mentions = [Outbox.message.contains(json.dumps(n, ensure_ascii=False)[1:-1]) for n in names]
    return (
        await session.scalars(
            select(Outbox)
            .where(
                or_(Outbox.kind.in_(("digest", "alert", "roundup")), *mentions),
                or_(Outbox.person_id.is_(None), Outbox.person_id != person_id),
            )
            .order_by(Outbox.id)
        )
    ).all()


async def rewrite(session: AsyncSession, outbox_id: int, message: str) -> None:
    await session.execute(update(Outbox).where(Outbox.id == outbox_id).values(message=message))


async def remove(session: AsyncSession, outbox_ids: Sequence[int]) -> int:
    if not outbox_ids:
        return 0
    result = await session.execute(
        delete(Outbox).where(Outbox.id.in_(outbox_ids)).execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0))
