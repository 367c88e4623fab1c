"""Seed data for tests: a partner, a project and invites."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from bot.joining import invites
from storage.db import Database
from storage.models import Partner, Project, Role


@dataclass(frozen=True)
class Seeded:
    project_id: int
    participant_code: str
    volunteer_code: str
    staff_code: str


async def seed_project(
    db: Database,
    slug: str = "firth-park",
    name: str = "Firth Park Coffee Morning",
    partner_slug: str = "age-uk",
    now: datetime | None = None,
) -> Seeded:
    now = now or datetime(2026, 11, 1, tzinfo=UTC)
    async with db.transaction() as session:
        from storage.repositories import projects

        partner = await projects.partner_by_slug(session, partner_slug)
        if partner is None:
            partner = Partner(slug=partner_slug, name="Age UK Sheffield", contact="0114 250 2850")
            session.add(partner)
            await session.flush()
        project = Project(
            partner_id=partner.id,
            slug=slug,
            name=name,
            about="A cuppa & a chat every Tuesday.",
            open_to_change="What we do each week, and the snacks.",
            fixed="The day and the hall.",
            question_set="default",
        )
        session.add(project)
        await session.flush()
        codes = {}
        for role in (Role.PARTICIPANT, Role.VOLUNTEER, Role.STAFF):
            invite = await invites.create(
                session, role=role, project_id=project.id, uses=None, expires_days=None, now=now
            )
            codes[role] = invite.code
        return Seeded(project.id, codes[Role.PARTICIPANT], codes[Role.VOLUNTEER], codes[Role.STAFF])
