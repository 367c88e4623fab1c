"""What people said."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Table, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Comment, Reading
from storage.upsert import insert_ignoring_conflicts_sql

COMMENTS: Table = Comment.__table__  # type: ignore[assignment]


async def comment_exists(session: AsyncSession, chat_id: int, message_id: int) -> bool:
    found = await session.scalar(
        select(Comment.id).where(Comment.chat_id == chat_id, Comment.message_id == message_id)
    )
    return found is not None


async def add_comment(session: AsyncSession, comment: Comment) -> Comment:
    session.add(comment)
    await session.flush()
    return comment


async def add_comment_once(session: AsyncSession, **values: Any) -> int | None:
    """Store a comment unless its (chat_id, message_id) is already stored: its id, or None.

    The unique key does the duplicate check in the same statement as the INSERT, so a
    redelivered update costs no separate SELECT, and two workers racing on PostgreSQL cannot
    both store it (the second waits for the first, then inserts nothing).
    """
    if session.new or session.dirty or session.deleted:
        await session.flush()  # what session.execute's autoflush would do
    # On the session's connection (same transaction): the ORM adds nothing to a text INSERT.
    connection = await session.connection()
    statement = insert_ignoring_conflicts_sql(COMMENTS, tuple(values))
    found: int | None = await connection.scalar(statement, values)
    return found


async def comment_by_message(
    session: AsyncSession, chat_id: int, message_id: int
) -> Comment | None:
    found: Comment | None = await session.scalar(
        select(Comment).where(Comment.chat_id == chat_id, Comment.message_id == message_id)
    )
    return found


async def comments_of(session: AsyncSession, person_id: int) -> Sequence[Comment]:
    return (
        await session.scalars(
            select(Comment).where(Comment.person_id == person_id).order_by(Comment.created_at)
        )
    ).all()


async def assign_project(
    session: AsyncSession, person_id: int, comment_ids: Sequence[int], project_id: int
) -> int:
    """File comments waiting for a project choice; only the person's own, only unfiled ones."""
    result = await session.execute(
        update(Comment)
        .where(
            Comment.id.in_(comment_ids),
            Comment.person_id == person_id,
            Comment.project_id.is_(None),
        )
        .values(project_id=project_id)
    )
    return int(getattr(result, "rowcount", 0))


async def edit_text(
    session: AsyncSession,
    comment: Comment,
    text: str,
    quoted: str | None,
    reading: Reading | None,
    themes: dict[str, bool] | None,
    now: datetime,
) -> None:
    comment.text, comment.quoted, comment.reading, comment.themes = text, quoted, reading, themes
    comment.edited_at = now
    await session.flush()
