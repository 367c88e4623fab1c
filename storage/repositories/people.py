"""People and what they belong to."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Membership, Person, Role


async def person_by_telegram_id(session: AsyncSession, telegram_id: int) -> Person | None:
    found: Person | None = await session.scalar(
        select(Person).where(Person.telegram_id == telegram_id)
    )
    return found


async def pseudonym_taken(session: AsyncSession, pseudonym: str) -> bool:
    found = await session.scalar(select(Person.id).where(Person.pseudonym == pseudonym))
    return found is not None


async def add_person(
    session: AsyncSession,
    *,
    telegram_id: int,
    pseudonym: str,
    language: str,
    consent_version: str,
    now: datetime,
) -> Person:
    person = Person(
        telegram_id=telegram_id,
        pseudonym=pseudonym,
        language=language,
        consent_version=consent_version,
        consented_at=now,
        paused=False,
        unreachable=False,
        created_at=now,
    )
    session.add(person)
    await session.flush()
    return person


async def memberships(
    session: AsyncSession, person_id: int, role: Role | None = None
) -> Sequence[Membership]:
    query = select(Membership).where(Membership.person_id == person_id).order_by(Membership.id)
    if role is not None:
        query = query.where(Membership.role == role)
    return (await session.scalars(query)).all()


async def add_membership(
    session: AsyncSession, person_id: int, project_id: int | None, role: Role, now: datetime
) -> Membership:
    existing = await session.scalar(
        select(Membership).where(
            Membership.person_id == person_id,
            Membership.project_id == project_id
            if project_id is not None
            else Membership.project_id.is_(None),
            Membership.role == role,
        )
    )
    if existing is not None:
        return existing
    membership = Membership(person_id=person_id, project_id=project_id, role=role, joined_at=now)
    session.add(membership)
    await session.flush()
    return membership


async def delete_person(session: AsyncSession, person_id: int) -> None:
    """Remove the person; memberships, dialogue and comments go with them (ON DELETE CASCADE)."""
    await session.execute(delete(Person).where(Person.id == person_id))
