"""Comments' themes: stored as each comment is, read again on an edit, staff's word kept."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import CommentTheme


async def add_themes(
    session: AsyncSession, comment_id: int, themes: Sequence[tuple[str, bool]]
) -> None:
    """Each (theme, positive) as read from the comment's words."""
    if themes:
        rows = [{"comment_id": comment_id, "theme": t, "positive": p, "by_staff": False}
                for t, p in themes]  # fmt: skip
        await session.execute(insert(CommentTheme), rows)


async def read_again(
    session: AsyncSession, comment_id: int, themes: Sequence[tuple[str, bool]]
) -> None:
    """After an edit: the themes read from the new words, but staff's own kept as they are."""
    await session.execute(
        delete(CommentTheme).where(
            CommentTheme.comment_id == comment_id, CommentTheme.by_staff.is_(False)
        )
    )
    staff = set(
        await session.scalars(
            select(CommentTheme.theme).where(CommentTheme.comment_id == comment_id)
        )
    )
    await add_themes(session, comment_id, [(t, p) for t, p in themes if t not in staff])


async def themes_of(session: AsyncSession, comment_id: int) -> dict[str, bool]:
    rows = await session.execute(
        select(CommentTheme.theme, CommentTheme.positive).where(
            CommentTheme.comment_id == comment_id
        )
    )
    return dict(rows.tuples().all())
