"""Which projects a person belongs to, and in which role."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Membership, Role


async def memberships(
    session: AsyncSession, person_id: int, role: Role | None = None
) -> Sequence[Membership]:
    query = select(Membership).where(Membership.person_id == person_id).order_by(Membership.id)
    if role is not None:
        query = query.where(Membership.role == role)
    return (await session.scalars(query)).all()


async def first_project_id(session: AsyncSession, person_id: int, role: Role) -> int | None:
    """The project of their oldest membership in `role` (None when they have none)."""
    found: int | None = await session.scalar(
        select(Membership.project_id)
        .where(Membership.person_id == person_id, Membership.role == role)
        .order_by(Membership.id)
        .limit(1)
    )
    return found


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
