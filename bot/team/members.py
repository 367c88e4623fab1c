"""A project's team: who is on it (/team), and taking someone off it (`natter member remove`).

Made-up names and roles only: Natter holds no other name. A project's staff see its team; the
programme team see their own members and how many staff and volunteers every project has
(totals, as PRIVACY.md says), and the team of a project they are also staff of.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import Deps, Reply, Say, people, team_of
from storage.models import Person, Project, Role
from storage.repositories import leaving, projects
from storage.repositories import people as people_repo

TEAM_ROLES = (Role.STAFF, Role.VOLUNTEER)


@dataclass(frozen=True, slots=True)
class Left:
    roles: list[Role]  # the memberships taken away (none: they were not a member there)
    skipped: int  # messages queued for them from it that will not be sent now


async def leave(
    session: AsyncSession, person: Person, project_id: int | None, roles: Sequence[Role]
) -> Left:
    """Take them off the project (None: the programme team) in `roles`, keeping the person.

    What is queued for them from it (its digests and alerts, their check-ins) is not sent.
    """
    removed = await people_repo.remove_memberships(session, person.id, project_id, roles)
    if not removed:
        return Left([], 0)
    team = any(m.role in (Role.STAFF, Role.PROGRAMME) for m in removed)
    skipped = await leaving.skip_queued(
        session, person.id, project_id, as_team=team, membership_ids=[m.id for m in removed]
    )
    return Left([m.role for m in removed], skipped)


async def team_list(session: AsyncSession, deps: Deps, telegram_id: int) -> Reply:
    """/team: each of their projects' staff and volunteers; for the programme team also their
    own members and every project's numbers."""
    team = await team_of(session, telegram_id)
    me = await people.find(session, telegram_id)
    if team is None or me is None:
        return Reply.of("team.only")
    parts: list[Say] = []
    shown = [p.id for p in team.projects]
    wanted = [*shown, None] if team.programme else shown
    roles = (*TEAM_ROLES, Role.PROGRAMME) if team.programme else TEAM_ROLES
    members = await people_repo.team_members(session, wanted, roles)
    for project in team.projects:
        names = _lines(deps, me.id, [m for m in members if m.project_id == project.id])
        parts.append(Say("team_list.project", {"project": project.name, "people": names}))
    if team.programme:
        names = _lines(deps, me.id, [m for m in members if m.project_id is None])
        parts.append(Say("team_list.programme", {"people": names}))
        parts.append(_every_project(deps, team.overview, await projects.project_table(session)))
    parts.append(Say("team_list.names"))
    return Reply(tuple(parts))


def _lines(deps: Deps, my_id: int, members: Sequence[people_repo.TeamMember]) -> str:
    if not members:
        return deps.prompts.plain("team_list.nobody")
    return "\n".join(
        deps.prompts.plain(
            "team_list.line_you" if m.person_id == my_id else "team_list.line",
            pseudonym=m.pseudonym,
            role=deps.prompts.plain(f"team_list.role.{m.role.value}"),
        )
        for m in members
    )


def _every_project(
    deps: Deps, overview: Sequence[Project], table: Sequence[projects.ProjectRow]
) -> Say:
    counts = {row.project: row.counts for row in table}
    lines = "\n".join(
        deps.prompts.plain(
            "team_list.count_line",
            project=p.name,
            staff=counts.get(p.slug, {}).get(Role.STAFF, 0),
            volunteers=counts.get(p.slug, {}).get(Role.VOLUNTEER, 0),
        )
        for p in overview
    )
    return Say("team_list.every_project", {"lines": lines or deps.prompts.plain("team_list.none")})
