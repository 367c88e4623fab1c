"""Check-ins: who might be due one, locking a person while deciding, and recording answers."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import (
    Membership,
    Person,
    ProgrammeQuestion,
    Project,
    QuestionAsked,
    Role,
)
from storage.upsert import insert_ignoring_conflicts


async def candidates(
    session: AsyncSession, now: datetime, last_before: datetime, max_unanswered: int
) -> list[tuple[Membership, Person]]:
    """Participant memberships whose person could hear from us now, oldest membership first.

    This only narrows the search; the caller applies the full rules (rhythm, hours) and checks
    the person again under a lock before sending.
    """
    rows = await session.execute(
        select(Membership, Person)
        .join(Person, Person.id == Membership.person_id)
        .join(Project, Project.id == Membership.project_id)
        .where(
            Membership.role == Role.PARTICIPANT,
            Project.checkin_every_days > 0,
            Person.paused.is_(False),
            Person.unreachable.is_(False),
            Person.checkins_unanswered < max_unanswered,
            or_(Person.checkins_paused_until.is_(None), Person.checkins_paused_until <= now),
            or_(Person.last_checkin_at.is_(None), Person.last_checkin_at <= last_before),
        )
        .order_by(Membership.id)
    )
    return [(membership, person) for membership, person in rows.tuples()]


async def lock_person(session: AsyncSession, person_id: int) -> Person | None:
    """The person as committed right now, locked until the transaction ends (PostgreSQL).

    Two planners racing for one person: the second waits, then sees the first one's check-in.
    SQLite needs no lock, as its transactions take the write lock when they begin.
    """
    found: Person | None = await session.scalar(
        select(Person)
        .where(Person.id == person_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return found


async def participant_membership(
    session: AsyncSession, membership_id: int, person_id: int
) -> Membership | None:
    """The membership, only if it is this person's and as a participant (button data is forged
    easily, so the id alone proves nothing)."""
    found: Membership | None = await session.scalar(
        select(Membership).where(
            Membership.id == membership_id,
            Membership.person_id == person_id,
            Membership.role == Role.PARTICIPANT,
        )
    )
    return found


async def programme_questions(session: AsyncSession, person_id: int) -> Sequence[ProgrammeQuestion]:
    """Active programme questions this person has not been asked yet, oldest first."""
    asked = select(QuestionAsked.question_id).where(QuestionAsked.person_id == person_id)
    return (
        await session.scalars(
            select(ProgrammeQuestion)
            .where(ProgrammeQuestion.active.is_(True), ProgrammeQuestion.id.not_in(asked))
            .order_by(ProgrammeQuestion.id)
        )
    ).all()


async def programme_question(session: AsyncSession, question_id: int) -> ProgrammeQuestion | None:
    return await session.get(ProgrammeQuestion, question_id)


async def mark_asked(
    session: AsyncSession, question_id: int, person_id: int, now: datetime
) -> None:
    await session.execute(
        insert_ignoring_conflicts(
            session, QuestionAsked, question_id=question_id, person_id=person_id, asked_at=now
        )
    )
