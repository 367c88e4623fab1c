"""The reads behind the funder's numbers: counts grouped in SQL, one row per project.

Every function takes the projects and a UTC range [start, end) and returns plain data.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, case, false, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Comment, GroupSession, Level, Outcome, Project, Response, is_suggestion


def comments_in(
    project_ids: Sequence[int], start: datetime, end: datetime
) -> list[ColumnElement[bool]]:
    return [
        Comment.project_id.in_(project_ids),
        Comment.created_at >= start,
        Comment.created_at < end,
        Comment.flagged.is_(False),
    ]


def count_where(condition: ColumnElement[bool]) -> ColumnElement[int]:
    # SUM(CASE ...) rather than COUNT(...) FILTER, which older SQLite builds lack.
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


@dataclass(frozen=True, slots=True)
class LevelCount:
    project_id: int
    level: Level
    comments: int
    suggestions: int


async def comments_by_level(
    session: AsyncSession, project_ids: Sequence[int], start: datetime, end: datetime
) -> list[LevelCount]:
    """How many comments (and suggestions among them) each project had, per level."""
    rows = await session.execute(
        select(Comment.project_id, Comment.level, func.count(), count_where(is_suggestion()))
        .where(*comments_in(project_ids, start, end))
        .group_by(Comment.project_id, Comment.level)
    )
    return [
        LevelCount(int(project_id), level, int(n), int(suggestions))
        for project_id, level, n, suggestions in rows.tuples()
        if project_id is not None
    ]


@dataclass(frozen=True, slots=True)
class PeopleCount:
    total: int  # a person who spoke to two projects counts once here
    by_project: dict[int, int]


async def people(
    session: AsyncSession, project_ids: Sequence[int], start: datetime, end: datetime
) -> PeopleCount:
    """Different people who left a comment (relayed group notes have no person)."""
    where = [*comments_in(project_ids, start, end), Comment.person_id.is_not(None)]
    rows = await session.execute(
        select(Comment.project_id, func.count(func.distinct(Comment.person_id)))
        .where(*where)
        .group_by(Comment.project_id)
    )
    by_project = {int(p): int(n) for p, n in rows.tuples() if p is not None}
    total = await session.scalar(select(func.count(func.distinct(Comment.person_id))).where(*where))
    return PeopleCount(int(total or 0), by_project)


@dataclass(frozen=True, slots=True)
class SessionRow:
    project_id: int
    project: str
    place: str
    held_on: date
    headcount: int
    band: str | None


async def sessions(
    session: AsyncSession, project_ids: Sequence[int], start: datetime, end: datetime
) -> list[SessionRow]:
    """Group sessions volunteers opened in [start, end), oldest first (what the team noted
    themselves, /did, is no group they ran: its pair is under "you said, we did"). They are
    listed, so all rows load."""
    rows = await session.execute(
        select(
            GroupSession.project_id,
            Project.name,
            GroupSession.place,
            GroupSession.held_on,
            GroupSession.headcount,
            GroupSession.headcount_band,
        )
        .join(Project, Project.id == GroupSession.project_id)
        .where(
            GroupSession.project_id.in_(project_ids),
            GroupSession.opened_at >= start,
            GroupSession.opened_at < end,
            GroupSession.by_team == false(),
        )
        .order_by(GroupSession.held_on, GroupSession.opened_at, GroupSession.id)
    )
    return [SessionRow(*row) for row in rows.tuples()]


@dataclass(frozen=True, slots=True)
class ReplyCount:
    project_id: int
    replies: int
    changes: int
    answered: int  # suggestions those replies answered


async def replies(
    session: AsyncSession, project_ids: Sequence[int], start: datetime, end: datetime
) -> list[ReplyCount]:
    """Replies first sent in [start, end), per project, with what they answered."""
    answered = (
        select(Comment.response_id, func.count().label("n"))
        .where(Comment.response_id.is_not(None))
        .group_by(Comment.response_id)
        .subquery()
    )
    rows = await session.execute(
        select(
            Response.project_id,
            func.count(Response.id),
            count_where(Response.outcome == Outcome.CHANGED),
            func.coalesce(func.sum(answered.c.n), 0),
        )
        .outerjoin(answered, answered.c.response_id == Response.id)
        .where(
            Response.project_id.in_(project_ids),
            Response.created_at >= start,
            Response.created_at < end,
        )
        .group_by(Response.project_id)
    )
    return [ReplyCount(int(p), int(n), int(c), int(a)) for p, n, c, a in rows.tuples()]


@dataclass(frozen=True, slots=True)
class AnsweredPair:
    project_id: int
    said_at: datetime
    replied_at: datetime


async def answered_pairs(
    session: AsyncSession, project_ids: Sequence[int], start: datetime, end: datetime
) -> list[AnsweredPair]:
    """When each suggestion was made and answered, for replies sent in [start, end).

    Only the two times load: a median needs every value, and SQLite has no median.
    """
    rows = await session.execute(
        select(Response.project_id, Comment.created_at, Response.created_at)
        .join(Response, Response.id == Comment.response_id)
        .where(
            Response.project_id.in_(project_ids),
            Response.created_at >= start,
            Response.created_at < end,
        )
    )
    return [AnsweredPair(int(p), said, replied) for p, said, replied in rows.tuples()]


async def project_names(session: AsyncSession, project_ids: Sequence[int]) -> list[tuple[int, str]]:
    rows = await session.execute(
        select(Project.id, Project.name).where(Project.id.in_(project_ids)).order_by(Project.name)
    )
    return [(int(i), name) for i, name in rows.tuples()]
