"""Messages that sounded like someone may be in danger, and staff's review of them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Comment


async def unreviewed(session: AsyncSession, project_ids: Sequence[int]) -> Sequence[Comment]:
    return (
        await session.scalars(
            select(Comment)
            .where(
                Comment.project_id.in_(project_ids),
                Comment.flagged.is_(True),
                Comment.reviewed_at.is_(None),
            )
            .order_by(Comment.created_at)
            .limit(20)
        )
    ).all()


async def count_between(
    session: AsyncSession, project_id: int, start: datetime, end: datetime
) -> int:
    found = await session.scalar(
        select(func.count())
        .select_from(Comment)
        .where(
            Comment.project_id == project_id,
            Comment.flagged.is_(True),
            Comment.created_at >= start,
            Comment.created_at < end,
        )
    )
    return int(found or 0)
