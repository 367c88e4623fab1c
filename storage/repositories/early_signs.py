"""People who may be worth a friendly call (storage.models.EarlySign)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Comment, EarlySign, Membership, Person, Role


async def note(
    session: AsyncSession, person_id: int, project_id: int, reason: str, now: datetime
) -> bool:
    """Put them on the list unless they are on it already for that project; True if added."""
    open_ = await session.scalar(
        select(EarlySign.id).where(
            EarlySign.person_id == person_id,
            EarlySign.project_id == project_id,
            EarlySign.called_at.is_(None),
        )
    )
    if open_ is not None:
        return False
    session.add(EarlySign(person_id=person_id, project_id=project_id, reason=reason, noted_at=now))
    await session.flush()
    return True


async def waiting(
    session: AsyncSession, project_ids: Sequence[int]
) -> Sequence[tuple[EarlySign, str]]:
    """Open ones, oldest first, with the person's made-up name."""
    rows = await session.execute(
        select(EarlySign, Person.pseudonym)
        .join(Person, Person.id == EarlySign.person_id)
        .where(EarlySign.project_id.in_(project_ids), EarlySign.called_at.is_(None))
        .order_by(EarlySign.noted_at, EarlySign.id)
        .limit(20)
    )
    return [(sign, pseudonym) for sign, pseudonym in rows.tuples()]


async def count_between(
    session: AsyncSession, project_ids: Sequence[int], start: datetime, end: datetime
) -> dict[int, int]:
    rows = await session.execute(
        select(EarlySign.project_id, func.count())
        .where(
            EarlySign.project_id.in_(project_ids),
            EarlySign.noted_at >= start,
            EarlySign.noted_at < end,
        )
        .group_by(EarlySign.project_id)
    )
    return {int(project): int(n) for project, n in rows.tuples()}


@dataclass(frozen=True, slots=True)
class Said:
    person_id: int
    project_id: int
    at: datetime


async def said_since(session: AsyncSession, since: datetime) -> Sequence[Said]:
    """When each participant said something in a project they still belong to, since `since`."""
    rows = await session.execute(
        select(Comment.person_id, Comment.project_id, Comment.created_at)
        .join(
            Membership,
            (Membership.person_id == Comment.person_id)
            & (Membership.project_id == Comment.project_id)
            & (Membership.role == Role.PARTICIPANT),
        )
        .where(Comment.created_at >= since, Comment.person_id.is_not(None))
    )
    return [
        Said(int(p), int(j), at) for p, j, at in rows.tuples() if p is not None and j is not None
    ]


async def last_quiet(session: AsyncSession, person_id: int, project_id: int) -> datetime | None:
    found: datetime | None = await session.scalar(
        select(func.max(EarlySign.noted_at)).where(
            EarlySign.person_id == person_id,
            EarlySign.project_id == project_id,
            EarlySign.reason == "quiet",
        )
    )
    return found
