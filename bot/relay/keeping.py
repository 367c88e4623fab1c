"""Keeping one note of a group's session."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import Deps, Incoming, Kept, NewComment, store_comment
from storage.models import GroupSession, Level, Source


async def keep_note(
    session: AsyncSession,
    deps: Deps,
    group: GroupSession,
    incoming: Incoming,
    *,
    one_person: bool = False,
) -> Kept:
    """One note of the group's session: the words are the group's, not the volunteer's (no
    person), read for kind and themes, with names out but the project's and the place's kept."""
    return await store_comment(
        session,
        NewComment.of(
            incoming, deps.now(), project_id=group.project_id, person_id=None,
            group_session_id=group.id, source=Source.RELAYED,
            level=Level.INDIVIDUAL if one_person else Level.GROUP,
            words=deps.words, keep=[group.project.name, group.place],
        ),
        project=group.project, place=group.place,
    )  # fmt: skip
