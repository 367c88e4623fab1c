"""Staff are told at once when a voice note goes on the "please listen" list: a note Natter could
not be sure of may hold a cry for help that the words it heard missed."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot import delivery
from bot.core import Deps, Reply
from storage.models import Comment, Project, Role
from storage.repositories import digests

NUDGE_PRIORITY = 0  # as care's alerts: before anything else waiting


async def ask_staff_to_listen(session: AsyncSession, deps: Deps, comment: Comment) -> None:
    """Once per note (the outbox key), to each of its project's staff; never the words, only
    where it came from, so the message is safe to queue and /listen shows the rest."""
    if comment.project_id is None:
        return  # still waiting for them to say which group: /listen shows it once they have
    project = await session.get(Project, comment.project_id)
    if project is None:
        return
    nudge = Reply.of("voice.listen_nudge", project=project.name)
    for staff in await digests.recipients(session, Role.STAFF, project.id):
        await delivery.enqueue(
            session, key=f"listen:{comment.id}:to:{staff.person_id}", kind="alert",
            chat_id=staff.chat_id, person_id=staff.person_id, reply=nudge,
            priority=NUDGE_PRIORITY, now=deps.now(),
        )  # fmt: skip
