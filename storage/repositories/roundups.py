"""The monthly round-up: who hears it, and its ledger (each project's month planned once)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Membership, Person, Role, Roundup
from storage.upsert import insert_ignoring_conflicts

__all__ = ["Listener", "claim_month", "listeners", "planned_months", "record_counts"]


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
