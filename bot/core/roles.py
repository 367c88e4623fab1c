"""Who may act as a project's team: its staff, or the programme team (who see every project).

Roles are checked on every command and every button press, from the database.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import people
from storage.models import Project, Role
from storage.repositories import digests as digest_repo
from storage.repositories import people as people_repo


@dataclass(frozen=True, slots=True)
class Team:
    projects: list[Project]
    programme: bool


async def team_of(session: AsyncSession, telegram_id: int) -> Team | None:
    """The projects this person may see as staff (all of them for the programme team)."""
    person = await people.find(session, telegram_id)
    if person is None:
        return None
    memberships = await people_repo.memberships(session, person.id)
    if any(m.role is Role.PROGRAMME for m in memberships):
        return Team(list(await digest_repo.all_projects(session)), programme=True)
    staff = [m.project for m in memberships if m.role is Role.STAFF and m.project is not None]
    return Team(staff, programme=False) if staff else None
