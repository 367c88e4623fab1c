"""Group sessions noted by volunteers (or by the team, /did), and the notes in them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import ScalarSelect, delete, false, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Comment, GroupSession


def _notes_in(group: type[GroupSession]) -> ScalarSelect[int]:
    """How many notes a session holds, counted through the index for that one session."""
    return (
        select(func.count())
        .where(Comment.group_session_id == group.id)
        .correlate(group)
        .scalar_subquery()
    )


async def recent_places(
    session: AsyncSession, volunteer_id: int, project_id: int, limit: int = 4
) -> list[str]:
    rows = await session.execute(
        select(GroupSession.place, func.max(GroupSession.opened_at).label("last"))
        .where(GroupSession.volunteer_id == volunteer_id, GroupSession.project_id == project_id)
        .group_by(GroupSession.place)
        .order_by(func.max(GroupSession.opened_at).desc())
        .limit(limit)
    )
    return [place for place, _ in rows.tuples()]


async def project_places(session: AsyncSession, project_id: int, limit: int = 4) -> list[str]:
    """The places last noted at for the project, by any of its volunteers or its team (/did)."""
    rows = await session.execute(
        select(GroupSession.place)
        .where(GroupSession.project_id == project_id)
        .group_by(GroupSession.place)
        .order_by(func.max(GroupSession.opened_at).desc())
        .limit(limit)
    )
    return [place for (place,) in rows.tuples()]


async def add_session(session: AsyncSession, group: GroupSession) -> GroupSession:
    session.add(group)
    await session.flush()
    return group


async def get(session: AsyncSession, session_id: int) -> GroupSession | None:
    return await session.get(GroupSession, session_id)


async def open_sessions_of(session: AsyncSession, volunteer_id: int) -> Sequence[GroupSession]:
    return (
        await session.scalars(
            select(GroupSession).where(
                GroupSession.volunteer_id == volunteer_id, GroupSession.closed_at.is_(None)
            )
        )
    ).all()


async def note_count(session: AsyncSession, session_id: int) -> int:
    found = await session.scalar(
        select(func.count()).select_from(Comment).where(Comment.group_session_id == session_id)
    )
    return int(found or 0)


async def last_note(session: AsyncSession, session_id: int) -> Comment | None:
    found: Comment | None = await session.scalar(
        select(Comment)
        .where(Comment.group_session_id == session_id)
        .order_by(Comment.id.desc())
        .limit(1)
    )
    return found


async def delete_note(session: AsyncSession, comment_id: int) -> None:
    await session.execute(delete(Comment).where(Comment.id == comment_id))


async def delete_session(session: AsyncSession, session_id: int) -> None:
    await session.execute(delete(GroupSession).where(GroupSession.id == session_id))


async def stale_open(session: AsyncSession, opened_before: datetime) -> Sequence[GroupSession]:
    return (
        await session.scalars(
            select(GroupSession).where(
                GroupSession.closed_at.is_(None), GroupSession.opened_at < opened_before
            )
        )
    ).all()


async def recent_of(
    session: AsyncSession, volunteer_id: int, limit: int = 5
) -> list[tuple[GroupSession, int]]:
    """The volunteer's latest sessions, newest first, with how many notes each has."""
    rows = await session.execute(
        select(GroupSession, _notes_in(GroupSession))
        .where(GroupSession.volunteer_id == volunteer_id)
        .order_by(GroupSession.opened_at.desc())
        .limit(limit)
    )
    return [(group, int(n)) for group, n in rows.tuples()]


async def sessions_between(
    session: AsyncSession, project_ids: Sequence[int], start: datetime, end: datetime
) -> list[tuple[GroupSession, int]]:
    """Sessions volunteers opened in [start, end), oldest first, with their note counts (what
    the team noted themselves, /did, is no group they ran)."""
    rows = await session.execute(
        select(GroupSession, _notes_in(GroupSession))
        .where(
            GroupSession.project_id.in_(project_ids),
            GroupSession.opened_at >= start,
            GroupSession.opened_at < end,
            GroupSession.by_team == false(),
        )
        .order_by(GroupSession.opened_at)
    )
    return [(group, int(n)) for group, n in rows.tuples()]
