"""Staff are told at once when a voice note goes on the "please listen" list: a note Natter could
not be sure of may hold a cry for help that the words it heard missed."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot import care
from bot.core import Deps, Reply
from storage.models import Comment, Project


async def ask_staff_to_listen(session: AsyncSession, deps: Deps, comment: Comment) -> None:
    """Once per note (the outbox key), to each of its project's staff as care's alerts go;
    never the words, only where it came from, and /listen shows the rest."""
    if comment.project_id is None:
        return  # still waiting for them to say which group: /listen shows it once they have
    project = await session.get(Project, comment.project_id)
    if project is None:
        return
    nudge = Reply.of("voice.listen_nudge", project=project.name)
    await care.tell_staff(session, deps, project.id, nudge, f"listen:{comment.id}")
