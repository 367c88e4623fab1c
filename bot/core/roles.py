"""Who may act as a project's team, and what the programme team may see (PRIVACY.md).

A project's staff see its people's words and act in its name: its flagged messages, its
suggestions, its spreadsheets. The programme team see totals and themes across every project,
and nothing more, unless they are also staff of a project. Roles are checked on every command
and every button press, from the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import people
from bot.core.messages import Reply
from storage.models import Project, Role
from storage.repositories import digests as digest_repo
from storage.repositories import people as people_repo


@dataclass(frozen=True, slots=True)
class Team:
    # The projects they are staff of: whose words they see and in whose name they act.
    projects: list[Project]
    programme: bool
    # Every project, for the programme team's totals and themes (empty for staff).
    overview: list[Project] = field(default_factory=list)


async def team_of(session: AsyncSession, telegram_id: int) -> Team | None:
    """Their projects as staff, and every project in summary if they are on the programme team;
    None for someone who is neither."""
    person = await people.find(session, telegram_id)
    if person is None:
        return None
    memberships = await people_repo.memberships(session, person.id)
    staff = [m.project for m in memberships if m.role is Role.STAFF and m.project is not None]
    if any(m.role is Role.PROGRAMME for m in memberships):
        return Team(staff, programme=True, overview=list(await digest_repo.all_projects(session)))
    return Team(staff, programme=False) if staff else None


def not_for(team: Team | None) -> Reply:
    """What to say to someone asking for a project's words or acting in its name who is not
    that project's staff: the programme team are told what they see instead."""
    if team is not None and team.programme:
        return Reply.of("team.programme_only")
    return Reply.of("team.only")
