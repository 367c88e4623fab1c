"""Suggestions waiting for a reply, by theme (for answering every "tea" comment at once)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Comment, themes_as_read
from storage.repositories.responses import Suggestion, waiting

MOST = 500  # waiting suggestions read at once: more than any team answers in a sitting


async def waiting_themes(session: AsyncSession, project_ids: Sequence[int]) -> dict[str, list[int]]:
    """Each theme's waiting suggestions (comment ids, newest first), staff's own themes winning."""
    newest = await waiting(session, project_ids, MOST, 0)
    ids = [s.comment_id for s in newest]
    if not ids:
        return {}
    rows = await session.execute(select(Comment.id, themes_as_read()).where(Comment.id.in_(ids)))
    about = dict(rows.tuples().all())
    found: dict[str, list[int]] = {}
    for comment_id in ids:  # keeps newest first
        for theme in about.get(comment_id) or {}:
            found.setdefault(theme, []).append(comment_id)
    return found


async def suggestions(
    session: AsyncSession, project_ids: Sequence[int], comment_ids: Sequence[int]
) -> list[Suggestion]:
    """These waiting suggestions, newest first (others' and answered ones left out)."""
    wanted = set(comment_ids)
    return [s for s in await waiting(session, project_ids, MOST, 0) if s.comment_id in wanted]
