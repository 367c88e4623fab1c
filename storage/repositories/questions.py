"""Programme-wide questions (the collective level): the programme team's questions, and who
has been asked each."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import QueryableAttribute

from storage.models import ProgrammeQuestion, QuestionAsked


def newest_unasked_question(
    person_id: int | ColumnElement[int] | QueryableAttribute[int],
) -> Select[tuple[int]]:
    """The newest active programme question not yet put to this person."""
    # correlate_except: a person_id column from an enclosing query stays that query's row.
    asked = (
        select(QuestionAsked.question_id)
        .where(QuestionAsked.person_id == person_id)
        .correlate_except(QuestionAsked)
    )
    return (
        select(ProgrammeQuestion.id)
        .where(ProgrammeQuestion.active.is_(True), ProgrammeQuestion.id.not_in(asked))
        .order_by(ProgrammeQuestion.created_at.desc())
        .limit(1)
    )


async def newest_unasked(session: AsyncSession, person_id: int) -> ProgrammeQuestion | None:
    newest = newest_unasked_question(person_id).scalar_subquery()
    found: ProgrammeQuestion | None = await session.scalar(
        select(ProgrammeQuestion).where(ProgrammeQuestion.id == newest)
    )
    return found


async def question_by_id(session: AsyncSession, question_id: int) -> ProgrammeQuestion | None:
    return await session.get(ProgrammeQuestion, question_id)


async def add_question(
    session: AsyncSession, text: str, asked_by: int, now: datetime
) -> ProgrammeQuestion:
    question = ProgrammeQuestion(text=text, asked_by=asked_by, active=True, created_at=now)
    session.add(question)
    await session.flush()
    return question


async def record_asked(
    session: AsyncSession, question_id: int, person_id: int, now: datetime
) -> None:
    """That the question was put to them, so they are never asked it again."""
    session.add(QuestionAsked(question_id=question_id, person_id=person_id, asked_at=now))
    await session.flush()
