"""Partners and their projects."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Membership, Partner, Project, Role


async def partner_by_slug(session: AsyncSession, slug: str) -> Partner | None:
    found: Partner | None = await session.scalar(select(Partner).where(Partner.slug == slug))
    return found


async def add_partner(session: AsyncSession, slug: str, name: str, contact: str | None) -> Partner:
    partner = Partner(slug=slug, name=name, contact=contact)
    session.add(partner)
    await session.flush()
    return partner


async def project_by_slug(session: AsyncSession, slug: str) -> Project | None:
    found: Project | None = await session.scalar(select(Project).where(Project.slug == slug))
    return found


async def project_by_id(session: AsyncSession, project_id: int) -> Project | None:
    return await session.get(Project, project_id)


async def projects_by_slug(session: AsyncSession) -> Sequence[Project]:
    return (await session.scalars(select(Project).order_by(Project.slug))).all()


async def add_project(session: AsyncSession, project: Project) -> Project:
    session.add(project)
    await session.flush()
    return project


@dataclass(frozen=True, slots=True)
class ProjectRow:
    project_id: int
    partner: str
    project: str
    name: str
    question_set: str
    counts: dict[Role, int]


async def project_table(session: AsyncSession) -> list[ProjectRow]:
    """Every project with how many members it has in each role (for `natter projects`)."""
    projects = (
        await session.scalars(
            select(Project).join(Project.partner).order_by(Partner.slug, Project.slug)
        )
    ).all()
    counted = await session.execute(
        select(Membership.project_id, Membership.role, func.count())
        .where(Membership.project_id.is_not(None))
        .group_by(Membership.project_id, Membership.role)
    )
    counts: dict[int, dict[Role, int]] = {}
    for project_id, role, n in counted.tuples():
        assert project_id is not None
        counts.setdefault(project_id, {})[role] = n
    return [
        ProjectRow(p.id, p.partner.slug, p.slug, p.name, p.question_set, counts.get(p.id, {}))
        for p in projects
    ]
