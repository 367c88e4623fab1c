"""What a participant's message needs about its sender, read in one statement."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import Select, and_, bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Dialogue, Membership, Person, Project, Role
from storage.repositories.questions import newest_unasked_question


@dataclass(frozen=True, slots=True)
class ProjectName:
    id: int
    name: str


@dataclass(frozen=True, slots=True)
class Arrival:
    """What a participant's message needs about its sender, read in one statement.

    Columns, not a loaded Person: the usual message needs only the id, and loading the ORM
    object costs more than the query. `bot.people` loads it when something must change.
    """

    person_id: int
    unreachable: bool
    checkins_unanswered: int
    state: dict[str, Any]  # their dialogue state ({} when none)
    projects: list[ProjectName]  # where they are a participant, oldest membership first
    question_id: int | None  # the programme question to put to them next, if any


@cache
def _arrival_statement() -> Select[Any]:
    """Person, dialogue state, participant projects and next programme question, by Telegram id.

    Built once: executing the same statement object again reuses its memoized cache key and
    compiled form. One row per participant membership (one row with NULLs when none).
    """
    question = newest_unasked_question(Person.id).scalar_subquery()
    participant = and_(Membership.person_id == Person.id, Membership.role == Role.PARTICIPANT)
    return (
        select(
            Person.id,
            Person.unreachable,
            Person.checkins_unanswered,
            Dialogue.state,
            Project.id,
            Project.name,
            question,
        )
        .outerjoin(Dialogue, Dialogue.person_id == Person.id)
        .outerjoin(Membership, participant)
        .outerjoin(Project, Project.id == Membership.project_id)
        .where(Person.telegram_id == bindparam("telegram_id"))
        .order_by(Membership.id)
    )


async def arrival(session: AsyncSession, telegram_id: int) -> Arrival | None:
    # Through the session's connection: the same transaction, without the ORM's per-execution
    # work (nothing here is an ORM object, and nothing pending needs flushing first).
    connection = await session.connection()
    result = await connection.execute(_arrival_statement(), {"telegram_id": telegram_id})
    rows = result.all()
    if not rows:
        return None
    person_id, unreachable, unanswered, state, _, _, question_id = rows[0]
    projects = [ProjectName(row[4], row[5]) for row in rows if row[4] is not None]
    return Arrival(
        person_id, unreachable, unanswered, dict(state) if state else {}, projects, question_id
    )
