"""Filing comments that waited while a member of several projects said which one."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import Deps, Reply, dialogue, people
from storage.models import Role
from storage.repositories import comments
from storage.repositories import people as people_repo


async def pick_project(
    session: AsyncSession, deps: Deps, telegram_id: int, project_id: int
) -> Reply | None:
    """File waiting comments under the chosen project; None if the button is stale or forged."""
    person = await people.find(session, telegram_id)
    if person is None:
        return None
    state = await dialogue.load(session, person.id)
    memberships = await people_repo.memberships(session, person.id, Role.PARTICIPANT)
    project = next((m.project for m in memberships if m.project_id == project_id), None)
    if not isinstance(state, dialogue.ChoosingProject) or project is None:
        return None
    await comments.assign_project(session, person.id, state.pending, project.id)
    await dialogue.save(session, person.id, None, deps.now())
    return Reply.of("comment.filed", project=project.name)
