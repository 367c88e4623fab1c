"""Which projects a person belongs to, and in which role."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, case, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Membership, Person, Role


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


def _in_project(project_id: int | None) -> ColumnElement[bool]:
    """Membership of the project, or of the programme team (no project) for None."""
    if project_id is None:
        return Membership.project_id.is_(None)
    return Membership.project_id == project_id


async def remove_memberships(
    session: AsyncSession, person_id: int, project_id: int | None, roles: Sequence[Role]
) -> list[Membership]:
    """Take them off the project (None: the programme team) in `roles`; what was removed.

    Only the membership goes: the person, their words and their replies stay.
    """
    found = (
        await session.scalars(
            select(Membership)
            .where(
                Membership.person_id == person_id,
                _in_project(project_id),
                Membership.role.in_(roles),
            )
            .order_by(Membership.id)
        )
    ).all()
    for membership in found:
        await session.delete(membership)
    await session.flush()
    return list(found)


@dataclass(frozen=True, slots=True)
class TeamMember:
    project_id: int | None  # None: the programme team
    role: Role
    person_id: int
    pseudonym: str


async def team_members(
    session: AsyncSession, project_ids: Sequence[int | None], roles: Sequence[Role]
) -> list[TeamMember]:
    """Members in `roles` of the projects (None: the programme team), each project's staff
    first, then in the order they joined. Made-up names only: people have no other."""
    places = [_in_project(p) for p in project_ids]
    if not places or not roles:
        return []
    rows = await session.execute(
        select(Membership.project_id, Membership.role, Person.id, Person.pseudonym)
        .join(Person, Person.id == Membership.person_id)
        .where(or_(*places), Membership.role.in_(roles))
        .order_by(
            Membership.project_id,
            case((Membership.role == Role.STAFF, 0), else_=1),
            Membership.joined_at,
            Person.id,
        )
    )
    return [TeamMember(*row) for row in rows.tuples()]


async def team_roles(session: AsyncSession) -> dict[int, set[Role]]:
    """Every Telegram id with a role beyond participant, and all its roles (their command
    menus are re-set at start-up, bot.guide)."""
    team = select(Membership.person_id).where(Membership.role != Role.PARTICIPANT)
    rows = await session.execute(
        select(Person.telegram_id, Membership.role)
        .join(Person, Person.id == Membership.person_id)
        .where(Membership.person_id.in_(team))
    )
    found: dict[int, set[Role]] = {}
    for telegram_id, role in rows.tuples():
        found.setdefault(telegram_id, set()).add(role)
    return found
