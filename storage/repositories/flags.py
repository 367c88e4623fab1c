"""Messages that sounded like someone may be in danger, and staff's review of them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Comment, FlagFollowUp, is_flagged


async def flag(session: AsyncSession, comment_id: int, topic: str, *, again: bool = False) -> None:
    """Mark a comment as sounding like danger (also on a Comment already in the session);
    `again` (new words in it) puts it back among those waiting for a look."""
    values: dict[str, object] = {"flagged": True, "flag_topic": topic}
    if again:
        values["reviewed_at"] = None
    await session.execute(update(Comment).where(Comment.id == comment_id).values(**values))


async def unreviewed(session: AsyncSession, project_ids: Sequence[int]) -> Sequence[Comment]:
    return (
        await session.scalars(
            select(Comment)
            .where(
                Comment.project_id.in_(project_ids),
                is_flagged(),
                Comment.reviewed_at.is_(None),
            )
            .order_by(Comment.created_at)
            .limit(20)
        )
    ).all()


async def count_between(
    session: AsyncSession, project_ids: Sequence[int], start: datetime, end: datetime
) -> dict[int, int]:
    """How many messages in [start, end) sounded like danger, per project."""
    rows = await session.execute(
        select(Comment.project_id, func.count())
        .where(
            Comment.project_id.in_(project_ids),
            is_flagged(),
            Comment.created_at >= start,
            Comment.created_at < end,
        )
        .group_by(Comment.project_id)
    )
    return {int(project_id): int(n) for project_id, n in rows.tuples() if project_id is not None}


async def waiting_unescalated(session: AsyncSession) -> Sequence[Comment]:
    """Flagged messages nobody has looked at, whose wait the programme team was not told of."""
    told = select(FlagFollowUp.comment_id).where(FlagFollowUp.escalated_at.is_not(None))
    return (
        await session.scalars(
            select(Comment)
            .where(
                is_flagged(),
                Comment.reviewed_at.is_(None),
                Comment.project_id.is_not(None),
                Comment.id.not_in(told),
            )
            .order_by(Comment.created_at)
        )
    ).all()


async def open_summary(session: AsyncSession) -> tuple[int, datetime | None]:
    """How many flagged messages wait for a look, and when the oldest was written."""
    row = (
        await session.execute(
            select(func.count(), func.min(Comment.created_at)).where(
                is_flagged(), Comment.reviewed_at.is_(None)
            )
        )
    ).one()
    return int(row[0]), row[1]
