"""Dead letters: each failed attempt at an update counted in the database, so every worker and
every restart adds to the same count; parked ones listed, cleared, forgotten and aged out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, delete, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import DeadLetter


@dataclass(frozen=True, slots=True)
class Summary:
    """For `natter status`: parked updates, the oldest of them, and ones still being resent."""

    parked: int
    oldest: datetime | None
    failing: int


async def count_failure(
    session: AsyncSession, update_id: int, error: str, chat_id: int | None, now: datetime
) -> int:
    """One more failed attempt at `update_id` with `error`; returns the attempts so far.

    One statement (INSERT ... ON CONFLICT DO UPDATE), so two workers failing on the same
    update at once both count.
    """
    insert = postgresql.insert if session.bind.dialect.name == "postgresql" else sqlite.insert
    values = insert(DeadLetter).values(
        update_id=update_id, error=error, chat_id=chat_id, attempts=1,
        first_failed_at=now, last_failed_at=now,
    )  # fmt: skip
    statement = values.on_conflict_do_update(
        index_elements=[DeadLetter.update_id, DeadLetter.error],
        set_={"attempts": DeadLetter.attempts + 1, "last_failed_at": now},
    ).returning(DeadLetter.attempts)
    return int((await session.execute(statement)).scalar_one())


async def park(session: AsyncSession, update_id: int, error: str, now: datetime) -> None:
    """Give up on the update: it is answered 200 from now on (the first parking time stays)."""
    await session.execute(
        update(DeadLetter)
        .where(
            DeadLetter.update_id == update_id,
            DeadLetter.error == error,
            DeadLetter.parked_at.is_(None),
        )
        .values(parked_at=now)
        .execution_options(synchronize_session=False)
    )


async def summary(session: AsyncSession) -> Summary:
    parked = DeadLetter.parked_at.is_not(None)
    row = (
        await session.execute(
            select(func.count(), func.min(DeadLetter.first_failed_at)).where(parked)
        )
    ).one()
    failing = await session.scalar(select(func.count()).select_from(DeadLetter).where(~parked))
    return Summary(int(row[0]), row[1], int(failing or 0))


async def listing(session: AsyncSession, limit: int = 100) -> Sequence[DeadLetter]:
    """Parked first, then still failing; oldest first within each."""
    return (
        await session.scalars(
            select(DeadLetter)
            .order_by(DeadLetter.parked_at.is_(None), DeadLetter.first_failed_at, DeadLetter.id)
            .limit(limit)
        )
    ).all()


async def clear(session: AsyncSession, update_ids: Sequence[int] = ()) -> int:
    """Delete parked dead letters (those of `update_ids`, or all); how many went."""
    where = [DeadLetter.parked_at.is_not(None)]
    if update_ids:
        where.append(DeadLetter.update_id.in_(update_ids))
    return await _delete(session, *where)


async def forget_chat(session: AsyncSession, chat_id: int) -> int:
    """Every dead letter from `chat_id` (erasure: the chat id is the person's Telegram id)."""
    return await _delete(session, DeadLetter.chat_id == chat_id)


async def _delete(session: AsyncSession, *where: ColumnElement[bool]) -> int:
    counted = select(func.count()).select_from(DeadLetter).where(*where)
    found = int(await session.scalar(counted) or 0)
    if found:
        await session.execute(
            delete(DeadLetter).where(*where).execution_options(synchronize_session=False)
        )
    return found
