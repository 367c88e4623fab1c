"""The digest ledger and the reads a digest needs."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, String, cast, literal, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import (
    Agreement,
    Comment,
    Digest,
    GroupSession,
    Kind,
    Level,
    Membership,
    Person,
    ProgrammeQuestion,
    Project,
    Role,
)
from storage.upsert import insert_ignoring_conflicts


async def claim_period(
    session: AsyncSession,
    *,
    scope: str,
    project_id: int | None,
    start: datetime,
    end: datetime,
    now: datetime,
) -> int | None:
    """Record that this period's digest is planned; None if someone already planned it."""
    statement = insert_ignoring_conflicts(
        session,
        Digest,
        scope=scope,
        project_id=project_id,
        period_start=start,
        period_end=end,
        planned_at=now,
        comments=0,
        people=0,
        recipients=0,
    )
    row = (await session.execute(statement)).first()
    return int(row[0]) if row else None


async def record_counts(
    session: AsyncSession, digest_id: int, comments: int, people: int, recipients: int
) -> None:
    digest = await session.get(Digest, digest_id)
    assert digest is not None
    digest.comments, digest.people, digest.recipients = comments, people, recipients


@dataclass(frozen=True, slots=True)
class CommentRow:
    created_at: datetime
    pseudonym: str | None
    kind: Kind
    text: str | None
    voice_seconds: int | None
    question_key: str | None
    project_id: int
    place: str | None = None
    agreement: Agreement | None = None


async def comments_between(
    session: AsyncSession, project_ids: Sequence[int], start: datetime, end: datetime
) -> list[CommentRow]:
    """Filed comments in [start, end), oldest first, with the speaker's pseudonym."""
    rows = await session.execute(
        select(
            Comment.created_at,
            Person.pseudonym,
            Comment.kind,
            Comment.text,
            Comment.voice_seconds,
            Comment.question_key,
            Comment.project_id,
            GroupSession.place,
            Comment.agreement,
        )
        .outerjoin(Person, Person.id == Comment.person_id)
        .outerjoin(GroupSession, GroupSession.id == Comment.group_session_id)
        .where(
            Comment.project_id.in_(project_ids),
            Comment.created_at >= start,
            Comment.created_at < end,
            # A message that sounded like danger stays out until staff have looked at it.
            or_(Comment.flagged.is_(False), Comment.reviewed_at.is_not(None)),
        )
        .order_by(Comment.created_at, Comment.id)
    )
    return [CommentRow(*row) for row in rows.tuples() if row[6] is not None]  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Recipient:
    person_id: int
    chat_id: int


async def recipients(session: AsyncSession, role: Role, project_id: int | None) -> list[Recipient]:
    """Members in `role` of the project (or of the programme team when project_id is None)."""
    if project_id is None:
        where: ColumnElement[bool] = Membership.project_id.is_(None)
    else:
        where = Membership.project_id == project_id
    rows = await session.execute(
        select(Person.id, Person.telegram_id)
        .join(Membership, Membership.person_id == Person.id)
        .where(Membership.role == role, where)
        .order_by(Person.id)
    )
    return [Recipient(person_id, chat_id) for person_id, chat_id in rows.tuples()]


async def all_projects(session: AsyncSession) -> Sequence[Project]:
    return (await session.scalars(select(Project).order_by(Project.id))).all()


# Programme questions' answers carry question_key "programme:<id>" (see bot.collective).
_PROGRAMME_KEY = literal("programme:", String)


async def collective_answers(
    session: AsyncSession, start: datetime, end: datetime
) -> list[tuple[str, list[str]]]:
    """Each programme question answered in [start, end), with the answers' words."""
    rows = await session.execute(
        select(ProgrammeQuestion.text, Comment.text)
        .join(Comment, Comment.question_key == _PROGRAMME_KEY + cast(ProgrammeQuestion.id, String))
        .where(
            Comment.level == Level.COLLECTIVE,
            Comment.created_at >= start,
            Comment.created_at < end,
            Comment.flagged.is_(False),
        )
        .order_by(ProgrammeQuestion.id, Comment.id)
    )
    found: dict[str, list[str]] = {}
    for question, text in rows.tuples():
        found.setdefault(question, []).append(text or "")
    return list(found.items())
