"""Suggestions waiting for a reply, and the replies ("you said, we did")."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import (
    Comment,
    GroupSession,
    Kind,
    Membership,
    Outcome,
    Person,
    Response,
    Role,
    Source,
)


def is_suggestion() -> ColumnElement[bool]:
    """Ideas and things to change, and anything a volunteer relayed from a group."""
    return or_(Comment.kind.in_((Kind.CHANGE, Kind.IDEA)), Comment.source == Source.RELAYED)


def _waiting(project_ids: Sequence[int]) -> list[ColumnElement[bool]]:
    return [
        Comment.project_id.in_(project_ids),
        Comment.response_id.is_(None),
        Comment.flagged.is_(False),
        is_suggestion(),
    ]


@dataclass(frozen=True, slots=True)
class Suggestion:
    comment_id: int
    project_id: int
    text: str | None
    voice_seconds: int | None
    created_at: datetime
    pseudonym: str | None
    place: str | None


async def waiting(
    session: AsyncSession, project_ids: Sequence[int], limit: int, offset: int
) -> list[Suggestion]:
    """Unanswered suggestions, newest first."""
    rows = await session.execute(
        select(
            Comment.id,
            Comment.project_id,
            Comment.text,
            Comment.voice_seconds,
            Comment.created_at,
            Person.pseudonym,
            GroupSession.place,
        )
        .outerjoin(Person, Person.id == Comment.person_id)
        .outerjoin(GroupSession, GroupSession.id == Comment.group_session_id)
        .where(*_waiting(project_ids))
        .order_by(Comment.created_at.desc(), Comment.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return [Suggestion(*row) for row in rows.tuples()]  # type: ignore[arg-type]


async def waiting_summary(session: AsyncSession, project_id: int) -> tuple[int, datetime | None]:
    """How many suggestions wait for a reply, and when the oldest was made."""
    row = (
        await session.execute(
            select(func.count(), func.min(Comment.created_at)).where(*_waiting([project_id]))
        )
    ).one()
    return int(row[0]), row[1]


async def totals(session: AsyncSession, project_id: int) -> tuple[int, int, int]:
    """All suggestions so far, how many have a reply, and how many replies said "changed"."""
    suggestions, answered = (
        await session.execute(
            select(func.count(), func.count(Comment.response_id)).where(
                Comment.project_id == project_id, Comment.flagged.is_(False), is_suggestion()
            )
        )
    ).one()
    changed = await session.scalar(
        select(func.count())
        .select_from(Response)
        .where(Response.project_id == project_id, Response.outcome == Outcome.CHANGED)
    )
    return int(suggestions), int(answered), int(changed or 0)


async def answerable(
    session: AsyncSession,
    comment_ids: Sequence[int],
    project_ids: Sequence[int],
    response_id: int | None,
) -> list[Comment]:
    """The comments among `comment_ids` that may be answered now (forged ids fall away)."""
    found = await session.scalars(
        select(Comment).where(
            Comment.id.in_(comment_ids),
            Comment.project_id.in_(project_ids),
            Comment.flagged.is_(False),
            is_suggestion(),
            Comment.response_id.is_(None)
            if response_id is None
            else Comment.response_id == response_id,
        )
    )
    return list(found.all())


async def add(session: AsyncSession, response: Response) -> Response:
    session.add(response)
    await session.flush()
    return response


async def link(session: AsyncSession, response_id: int, comment_ids: Sequence[int]) -> None:
    await session.execute(
        update(Comment).where(Comment.id.in_(comment_ids)).values(response_id=response_id)
    )


async def answered_by(session: AsyncSession, response_id: int) -> Sequence[Comment]:
    return (
        await session.scalars(
            select(Comment).where(Comment.response_id == response_id).order_by(Comment.id)
        )
    ).all()


async def open_replies(session: AsyncSession, project_ids: Sequence[int]) -> Sequence[Response]:
    """Replies that said "we're looking into it", which staff may want to update."""
    return (
        await session.scalars(
            select(Response)
            .where(Response.project_id.in_(project_ids), Response.outcome == Outcome.LOOKING)
            .order_by(Response.created_at.desc())
            .limit(10)
        )
    ).all()


async def replies_between(
    session: AsyncSession, project_id: int, start: datetime, end: datetime
) -> list[tuple[Response, int]]:
    """Replies sent or updated in [start, end), with how many suggestions each answers."""
    answered = (
        select(Comment.response_id, func.count().label("n"))
        .where(Comment.response_id.is_not(None))
        .group_by(Comment.response_id)
        .subquery()
    )
    rows = await session.execute(
        select(Response, func.coalesce(answered.c.n, 0))
        .outerjoin(answered, answered.c.response_id == Response.id)
        .where(
            Response.project_id == project_id,
            Response.updated_at >= start,
            Response.updated_at < end,
        )
        .order_by(Response.updated_at)
    )
    return [(response, int(n)) for response, n in rows.tuples()]


async def is_member(session: AsyncSession, person_id: int, project_id: int, role: Role) -> bool:
    found = await session.scalar(
        select(Membership.id).where(
            Membership.person_id == person_id,
            Membership.project_id == project_id,
            Membership.role == role,
        )
    )
    return found is not None
