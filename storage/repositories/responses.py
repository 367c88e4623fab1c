"""Suggestions waiting for a reply, and the replies ("you said, we did")."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import ColumnElement, false, func, select, true, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import (
    Comment,
    GroupSession,
    Membership,
    Outcome,
    Person,
    Response,
    Role,
    heard_well,
    is_suggestion,
    quoted_words,
)
from storage.repositories import tallies


def _waiting(project_ids: Sequence[int]) -> list[ColumnElement[bool]]:
    return [Comment.project_id.in_(project_ids), Comment.response_id.is_(None), is_suggestion()]


@dataclass(frozen=True, slots=True)
class Suggestion:
    comment_id: int
    project_id: int
    text: str | None
    voice_seconds: int | None
    created_at: datetime
    pseudonym: str | None
    place: str | None
    spoken: str | None = None  # a voice note's words, heard well (storage.models.heard_well)


async def waiting(
    session: AsyncSession, project_ids: Sequence[int], limit: int, offset: int
) -> list[Suggestion]:
    """Unanswered suggestions, newest first."""
    rows = await session.execute(
        select(
            Comment.id,
            Comment.project_id,
            quoted_words(),
            Comment.voice_seconds,
            Comment.created_at,
            Person.pseudonym,
            GroupSession.place,
            heard_well(),
        )
        .outerjoin(Person, Person.id == Comment.person_id)
        .outerjoin(GroupSession, GroupSession.id == Comment.group_session_id)
        .where(*_waiting(project_ids))
        .order_by(Comment.created_at.desc(), Comment.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return [Suggestion(*row) for row in rows.tuples()]  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Figures:
    """A project's suggestions so far: how many, how many answered, and the waiting ones."""

    suggestions: int = 0
    answered: int = 0
    waiting: int = 0
    oldest_waiting: datetime | None = None
    changes: int = 0  # replies that said "changed"


async def figures(session: AsyncSession, project_ids: Sequence[int]) -> dict[int, Figures]:
    """Each project's all-time figures. Every suggestion made: its weekly tallies' sums and
    those made since its last tallied week; waiting ones through the suggestions index's
    unanswered end; so this follows the backlog and the weeks since, not the table."""
    rows = await session.execute(
        select(Comment.project_id, func.count(), func.min(Comment.created_at))
        .where(*_waiting(project_ids))
        .group_by(Comment.project_id)
    )
    waiting = {p: (int(n), oldest) for p, n, oldest in rows.tuples() if p is not None}
    known = await tallies.totals(session, project_ids)
    since = await tallies.raised_since(
        session, {p: known[p].end if p in known else None for p in project_ids}
    )
    changed = await session.execute(
        select(Response.project_id, func.count())
        .where(Response.project_id.in_(project_ids), Response.outcome == Outcome.CHANGED)
        .group_by(Response.project_id)
    )
    changes = {int(project_id): int(n) for project_id, n in changed.tuples()}
    found: dict[int, Figures] = {}
    for project_id in project_ids:
        left, oldest = waiting.get(project_id, (0, None))
        tallied = known[project_id].raised if project_id in known else 0
        n = tallied + since.get(project_id, 0)
        # Never fewer answered than none: a tallied suggestion since forgotten still counts.
        answered = max(n - left, 0)
        found[project_id] = Figures(n, answered, left, oldest, changes.get(project_id, 0))
    return found


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
            is_suggestion(),
            Comment.response_id.is_(None)
            if response_id is None
            else Comment.response_id == response_id,
        )
    )
    return list(found.all())


async def set_needs_reply(
    session: AsyncSession, comment_ids: Sequence[int], project_ids: Sequence[int], needs: bool
) -> int:
    """Staff's word on whether these comments need a reply (it wins over how they were
    read); only unanswered ones of their own projects. How many were marked."""
    done = await session.execute(
        update(Comment)
        .where(
            Comment.id.in_(comment_ids),
            Comment.project_id.in_(project_ids),
            Comment.response_id.is_(None),
        )
        .values(needs_reply=needs)
    )
    return int(getattr(done, "rowcount", 0) or 0)


async def add(session: AsyncSession, response: Response) -> Response:
    session.add(response)
    await session.flush()
    return response


async def link(session: AsyncSession, response_id: int, comment_ids: Sequence[int]) -> None:
    await session.execute(
        update(Comment).where(Comment.id.in_(comment_ids)).values(response_id=response_id)
    )
    await tallies.answered(session, response_id, comment_ids)


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


class Sent(NamedTuple):
    """A reply sent or updated, beside what it answered."""

    response: Response
    answered: int  # how many suggestions it answers
    said: str | None  # the first of them, fit to show staff; None if a voice note or flagged
    heard_at: str | None  # where the team heard it, when they noted it themselves (/did)


async def replies_between(
    session: AsyncSession, project_ids: Sequence[int], start: datetime, end: datetime
) -> list[Sent]:
    """Replies sent or updated in [start, end), with how many suggestions each answers and the
    words of the first of them, fit to show staff ("you said", beside "we did"): never a
    message that sounded like danger. For what the team heard and did themselves (/did),
    where they heard it: nobody raised it, so there is nobody to count."""
    answered = (
        select(func.count())
        .where(Comment.response_id == Response.id)
        .correlate(Response)
        .scalar_subquery()
    )
    said = (
        select(quoted_words())
        .where(Comment.response_id == Response.id, Comment.flagged == false())
        .order_by(Comment.id)
        .limit(1)
        .correlate(Response)
        .scalar_subquery()
    )
    heard_at = (
        select(GroupSession.place)
        .join(Comment, Comment.group_session_id == GroupSession.id)
        .where(Comment.response_id == Response.id, GroupSession.by_team == true())
        .order_by(Comment.id)
        .limit(1)
        .correlate(Response)
        .scalar_subquery()
    )
    rows = await session.execute(
        select(Response, answered, said, heard_at)
        .where(
            Response.project_id.in_(project_ids),
            Response.updated_at >= start,
            Response.updated_at < end,
        )
        .order_by(Response.updated_at)
    )
    return [Sent(response, int(n), words, at) for response, n, words, at in rows.tuples()]


async def is_member(session: AsyncSession, person_id: int, project_id: int, role: Role) -> bool:
    found = await session.scalar(
        select(Membership.id).where(
            Membership.person_id == person_id,
            Membership.project_id == project_id,
            Membership.role == role,
        )
    )
    return found is not None
