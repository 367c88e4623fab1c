"""The monthly round-up: who hears it, and its ledger (each project's month planned once)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import distinct, false, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import (
    Comment,
    Membership,
    Person,
    ProgrammeQuestion,
    QuestionAsked,
    Role,
    Roundup,
    is_collective,
)
from storage.upsert import insert_ignoring_conflicts

__all__ = [
    "AskedResult",
    "Listener",
    "asked_results",
    "claim_month",
    "listeners",
    "planned_months",
    "record_counts",
]
# Programme questions' answers carry question_key "programme:<id>" (see bot.questions).
PROGRAMME_KEY = "programme:"


@dataclass(frozen=True, slots=True)
class Listener:
    person_id: int
    chat_id: int
    language: str
    role: Role


async def listeners(session: AsyncSession, project_id: int) -> list[Listener]:
    """Participants and volunteers of the project who have not sent /stop and can be reached."""
    rows = await session.execute(
        select(Person.id, Person.telegram_id, Person.language, Membership.role)
        .join(Membership, Membership.person_id == Person.id)
        .where(
            Membership.project_id == project_id,
            Membership.role.in_([Role.PARTICIPANT, Role.VOLUNTEER]),
            Person.paused.is_(False),
            Person.unreachable.is_(False),
        )
        .order_by(Person.id)
    )
    return [Listener(p, chat, lang, role) for p, chat, lang, role in rows.tuples()]


async def planned_months(session: AsyncSession, months: list[str]) -> set[tuple[int, str]]:
    """(project id, month) of every round-up already planned for one of `months`."""
    rows = await session.execute(
        select(Roundup.project_id, Roundup.month).where(Roundup.month.in_(months))
    )
    return {(project_id, month) for project_id, month in rows.tuples()}


async def claim_month(
    session: AsyncSession, project_id: int, month: str, now: datetime
) -> int | None:
    """Record that this project's month is planned; None if someone already planned it."""
    statement = insert_ignoring_conflicts(
        session, Roundup, project_id=project_id, month=month, planned_at=now, items=0,
        recipients=0,
    )  # fmt: skip
    row = (await session.execute(statement)).first()
    return int(row[0]) if row else None


async def record_counts(
    session: AsyncSession, roundup_id: int, items: int, recipients: int
) -> None:
    await session.execute(
        update(Roundup).where(Roundup.id == roundup_id).values(items=items, recipients=recipients)
    )


@dataclass(frozen=True, slots=True)
class AskedResult:
    """A programme question (/ask) and how many were asked it and answered, so far."""

    question_id: int
    question: str
    asked: int
    answered: int


async def asked_results(
    session: AsyncSession, person_ids: list[int], start: datetime, end: datetime
) -> dict[int, list[AskedResult]]:
    """For each of these people, the programme questions put to them in [start, end), oldest
    first, with every group's counts (numbers only, never the answers' words)."""
    rows = (
        await session.execute(
            select(QuestionAsked.person_id, ProgrammeQuestion.id, ProgrammeQuestion.text)
            .join(ProgrammeQuestion, ProgrammeQuestion.id == QuestionAsked.question_id)
            .where(
                QuestionAsked.person_id.in_(person_ids),
                QuestionAsked.asked_at >= start,
                QuestionAsked.asked_at < end,
            )
            .order_by(QuestionAsked.asked_at, QuestionAsked.id)
        )
    ).all()
    ids = sorted({question_id for _, question_id, _ in rows})
    if not ids:
        return {}
    counted = await session.execute(
        select(QuestionAsked.question_id, func.count())
        .where(QuestionAsked.question_id.in_(ids))
        .group_by(QuestionAsked.question_id)
    )
    asked = {question_id: int(n) for question_id, n in counted.tuples()}
    keys = {f"{PROGRAMME_KEY}{q}": q for q in ids}
    answered = {
        keys[key]: int(n)
        for key, n in (
            await session.execute(
                select(Comment.question_key, func.count(distinct(Comment.person_id)))
                .where(
                    is_collective(),
                    Comment.question_key.in_(list(keys)),
                    Comment.flagged == false(),
                )
                .group_by(Comment.question_key)
            )
        ).tuples()
        if key in keys
    }
    found: dict[int, list[AskedResult]] = {}
    for person_id, question_id, text in rows:
        result = AskedResult(
            question_id, text, asked.get(question_id, 0), answered.get(question_id, 0)
        )
        found.setdefault(person_id, []).append(result)
    return found
