"""What follows a flagged message (storage.models.care): the person's answer, a number they
shared, a conversation with the team."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage import purge
from storage.models import Comment, FlagFollowUp, FlagMessage, is_flagged


async def of(session: AsyncSession, comment_id: int) -> FlagFollowUp:
    """The flag's follow-up row, made if there is none yet."""
    found = await session.get(FlagFollowUp, comment_id)
    if found is None:
        found = FlagFollowUp(comment_id=comment_id)
        session.add(found)
        await session.flush()
    return found


async def waiting_for_number(session: AsyncSession, person_id: int) -> Comment | None:
    """Their newest flag still open on which they asked to be contacted and shared no number."""
    found: Comment | None = await session.scalar(
        select(Comment)
        .join(FlagFollowUp, FlagFollowUp.comment_id == Comment.id)
        .where(
            Comment.person_id == person_id,
            is_flagged(),
            Comment.reviewed_at.is_(None),
            FlagFollowUp.answer == "contact",
            FlagFollowUp.phone.is_(None),
        )
        .order_by(Comment.created_at.desc(), Comment.id.desc())
        .limit(1)
    )
    return found


async def clear_number(session: AsyncSession, comment_id: int) -> None:
    """The number goes once the flag is looked at, from the files too (storage.purge)."""
    purge.request(session, ["flag_follow_ups"])
    await session.execute(
        update(FlagFollowUp).where(FlagFollowUp.comment_id == comment_id).values(phone=None)
    )


async def of_person(session: AsyncSession, person_id: int) -> Sequence[FlagFollowUp]:
    """Every follow-up of their flagged messages (for /mydata)."""
    return (
        await session.scalars(
            select(FlagFollowUp)
            .join(Comment, Comment.id == FlagFollowUp.comment_id)
            .where(Comment.person_id == person_id)
            .order_by(FlagFollowUp.comment_id)
        )
    ).all()


async def messages(session: AsyncSession, comment_id: int) -> Sequence[FlagMessage]:
    return (
        await session.scalars(
            select(FlagMessage).where(FlagMessage.comment_id == comment_id).order_by(FlagMessage.id)
        )
    ).all()


async def add_message(
    session: AsyncSession, comment_id: int, *, from_staff: bool, text: str, now: datetime
) -> None:
    session.add(FlagMessage(comment_id=comment_id, from_staff=from_staff, text=text, sent_at=now))
    await session.flush()
