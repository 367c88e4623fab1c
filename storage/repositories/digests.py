"""The digest ledger and the reads a digest needs."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, and_, false, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import (
    Agreement,
    Comment,
    Delivery,
    Digest,
    GroupSession,
    Kind,
    Membership,
    Person,
    ProgrammeQuestion,
    Project,
    Reading,
    Role,
    heard_well,
    is_collective,
    quoted_words,
    themes_as_read,
)
from storage.upsert import insert_ignoring_conflicts

FETCH_BATCH = 200


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


async def planned_since(session: AsyncSession, start: datetime) -> set[tuple[str, datetime]]:
    """(scope, period start) of every digest planned for a period starting at or after `start`."""
    rows = await session.execute(
        select(Digest.scope, Digest.period_start).where(Digest.period_start >= start)
    )
    return set(rows.tuples())


async def last_planned(session: AsyncSession) -> dict[str, datetime]:
    """The end of the latest period planned, by scope (for `natter status`)."""
    rows = await session.execute(
        select(Digest.scope, func.max(Digest.period_end)).group_by(Digest.scope)
    )
    return dict(rows.tuples().all())


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
    spoken: str | None = None  # a voice note's words, heard well (storage.models.heard_well)
    reading: Reading | None = None
    themes: dict[str, bool] | None = None  # staff's own where they set them
    by_team: bool | None = None  # noted by the team themselves (/did), not by a volunteer


async def comments_between(
    session: AsyncSession, project_ids: Sequence[int], start: datetime, end: datetime
) -> list[CommentRow]:
    """Filed comments in [start, end), oldest first, with the speaker's pseudonym; fetched in
    batches, so a big week never holds the event loop while it is turned into objects."""

    # Speaker and place by primary key, not by joins (PostgreSQL hashed both tables whole).
    at = GroupSession.id == Comment.group_session_id
    place, by_team = select(GroupSession.place).where(at), select(GroupSession.by_team).where(at)
    speaker = select(Person.pseudonym).where(Person.id == Comment.person_id)
    result = await session.stream(
        select(
            Comment.created_at,
            speaker.scalar_subquery(),
            Comment.kind,
            quoted_words(),
            Comment.voice_seconds,
            Comment.question_key,
            Comment.project_id,
            place.scalar_subquery(),
            Comment.agreement,
            heard_well(),
            Comment.reading,
            themes_as_read(),
            by_team.scalar_subquery(),
        )
        .where(
            Comment.project_id.in_(project_ids),
            Comment.created_at >= start,
            Comment.created_at < end,
            counted(),
        )
        .order_by(Comment.created_at, Comment.id)
    )
    found: list[CommentRow] = []
    async for batch in result.partitions(FETCH_BATCH):
        found += [CommentRow(*row) for row in batch if row[6] is not None]
    return found


def counted() -> ColumnElement[bool]:
    """A comment a digest counts and may quote."""
    return and_(
        # "No, that's all" and "thank you" are conversation, never counted or quoted.
        or_(Comment.reading.is_(None), Comment.reading != Reading.NOT_FEEDBACK),
        # A message that sounded like danger stays out until staff have looked at it; a
        # volunteer's note of a worry about someone at a group is never quoted.
        or_(
            Comment.flagged == false(),
            and_(Comment.reviewed_at.is_not(None), Comment.group_session_id.is_(None)),
        ),
    )


async def comment_counts(
    session: AsyncSession, project_ids: Sequence[int], start: datetime, end: datetime
) -> dict[int, int]:
    """How many comments each project's digest counts in [start, end) (for "more than last
    week"), through the (project_id, created_at) index."""
    rows = await session.execute(
        select(Comment.project_id, func.count())
        .where(
            Comment.project_id.in_(project_ids),
            Comment.created_at >= start,
            Comment.created_at < end,
            counted(),
        )
        .group_by(Comment.project_id)
    )
    return {int(project_id): int(n) for project_id, n in rows.tuples() if project_id is not None}


async def joined_between(
    session: AsyncSession, project_ids: Sequence[int], start: datetime, end: datetime
) -> dict[int, int]:
    """Participants who joined each project in [start, end)."""
    rows = await session.execute(
        select(Membership.project_id, func.count())
        .where(
            Membership.project_id.in_(project_ids),
            Membership.role == Role.PARTICIPANT,
            Membership.joined_at >= start,
            Membership.joined_at < end,
        )
        .group_by(Membership.project_id)
    )
    return {int(project_id): int(n) for project_id, n in rows.tuples() if project_id is not None}


@dataclass(frozen=True, slots=True)
class Recipient:
    person_id: int
    chat_id: int
    delivery: Delivery = Delivery.TELEGRAM  # where they want digests and alerts
    email: str | None = None


async def recipients(session: AsyncSession, role: Role, project_id: int | None) -> list[Recipient]:
    """Members in `role` of the project (or of the programme team when project_id is None)."""
    if project_id is None:
        where: ColumnElement[bool] = Membership.project_id.is_(None)
    else:
        where = Membership.project_id == project_id
    rows = await session.execute(
        select(Person.id, Person.telegram_id, Person.delivery, Person.email)
        .join(Membership, Membership.person_id == Person.id)
        .where(Membership.role == role, where)
        .order_by(Person.id)
    )
    return [Recipient(*row) for row in rows.tuples()]


async def all_projects(session: AsyncSession) -> Sequence[Project]:
    return (await session.scalars(select(Project).order_by(Project.id))).all()


# Programme questions' answers carry question_key "programme:<id>" (see bot.collective).
PROGRAMME_KEY = "programme:"


async def collective_answers(
    session: AsyncSession, start: datetime, end: datetime
) -> list[tuple[str, list[str]]]:
    """Each programme question answered in [start, end), with the answers' words."""
    # The week's answers first, through their own small index; then the questions they answer.
    rows = await session.execute(
        select(Comment.question_key, quoted_words())
        .where(
            is_collective(),
            Comment.created_at >= start,
            Comment.created_at < end,
            Comment.flagged == false(),
        )
        .order_by(Comment.id)
    )
    answers: dict[int, list[str]] = {}
    for key, text in rows.tuples():
        if key and key.startswith(PROGRAMME_KEY) and key[len(PROGRAMME_KEY) :].isdigit():
            answers.setdefault(int(key[len(PROGRAMME_KEY) :]), []).append(text or "")
    if not answers:
        return []
    questions = await session.execute(
        select(ProgrammeQuestion.id, ProgrammeQuestion.text)
        .where(ProgrammeQuestion.id.in_(answers))
        .order_by(ProgrammeQuestion.id)
    )
    return [(text, answers[question_id]) for question_id, text in questions.tuples()]
