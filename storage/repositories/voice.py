"""Voice notes' transcripts, kept on the comment beside the voice note's file id."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select, true
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Comment, Heard


def hear(
    comment: Comment, text: str | None, confidence: float | None, status: Heard, *, unsure: bool
) -> None:
    """What the engine made of the note (flushed with the caller's unit of work)."""
    comment.transcript = text or None
    comment.transcript_confidence = confidence
    comment.transcript_status = status
    if unsure:
        comment.needs_listening = True


async def to_listen(session: AsyncSession, project_ids: Sequence[int]) -> Sequence[Comment]:
    """Voice notes no one could be sure of, oldest first, until staff have listened."""
    return (
        await session.scalars(
            select(Comment)
            .where(
                Comment.project_id.in_(project_ids),
                Comment.needs_listening == true(),
                Comment.listened_at.is_(None),
                Comment.voice_file_id.is_not(None),
            )
            .order_by(Comment.created_at)
            .limit(20)
        )
    ).all()


def listened(comment: Comment, now: datetime) -> None:
    comment.listened_at = now


async def unheard(session: AsyncSession, since: datetime) -> Sequence[tuple[int, int, str]]:
    """Voice notes stored since `since` whose words never came (the process stopped first):
    (chat id, message id, file id), to hear again at start-up."""
    rows = await session.execute(
        select(Comment.chat_id, Comment.message_id, Comment.voice_file_id)
        .where(
            Comment.created_at >= since,
            Comment.voice_file_id.is_not(None),
            Comment.transcript_status.is_(None),
        )
        .order_by(Comment.created_at)
        .limit(200)
    )
    return [(chat, message, str(file_id)) for chat, message, file_id in rows.all()]


async def read_back_waiting(session: AsyncSession, person_id: int, since: datetime) -> int | None:
    """Their newest comment, if it is a voice note read back to them since then and not yet
    answered ("Did I get that right?"), so a typed "yes" can answer it."""
    newest = await session.execute(
        select(Comment.id, Comment.transcript_status, Comment.created_at)
        .where(Comment.person_id == person_id)
        .order_by(Comment.id.desc())
        .limit(1)
    )
    found = newest.tuples().first()
    if found is None or found[1] is not Heard.UNCONFIRMED or found[2] < since:
        return None
    return found[0]
