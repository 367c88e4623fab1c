"""Invite codes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Invite, Role


async def invite_by_code(session: AsyncSession, code: str) -> Invite | None:
    found: Invite | None = await session.scalar(select(Invite).where(Invite.code == code))
    return found


async def invite_by_word(session: AsyncSession, word: str) -> Invite | None:
    found: Invite | None = await session.scalar(select(Invite).where(Invite.word == word))
    return found


async def word_taken(session: AsyncSession, word: str) -> bool:
    return await invite_by_word(session, word) is not None


async def join_words(session: AsyncSession) -> dict[int, str]:
    """Each project's join word, by project id."""
    rows = await session.execute(
        select(Invite.project_id, Invite.word).where(
            Invite.word.is_not(None), Invite.project_id.is_not(None), Invite.revoked_at.is_(None)
        )
    )
    return {project_id: word for project_id, word in rows.tuples() if project_id and word}


async def retire_word(session: AsyncSession, project_id: int, now: datetime) -> None:
    """The project's join word stops working and is free to be given out again."""
    await session.execute(
        update(Invite)
        .where(Invite.project_id == project_id, Invite.word.is_not(None))
        .values(word=None, revoked_at=now)
    )


async def add_invite(
    session: AsyncSession,
    *,
    code: str,
    role: Role,
    project_id: int | None,
    uses_left: int | None,
    expires_at: datetime | None,
    now: datetime,
    word: str | None = None,
) -> Invite:
    invite = Invite(
        code=code,
        word=word,
        role=role,
        project_id=project_id,
        uses_left=uses_left,
        expires_at=expires_at,
        created_at=now,
    )
    session.add(invite)
    await session.flush()
    return invite


async def use_invite(session: AsyncSession, invite_id: int) -> bool:
    """Take one use atomically; False if another join took the last one first."""
    result = await session.execute(
        update(Invite)
        .where(Invite.id == invite_id, Invite.uses_left.is_not(None), Invite.uses_left > 0)
        .values(uses_left=Invite.uses_left - 1)
    )
    return bool(getattr(result, "rowcount", 0))


async def revoke_invite(session: AsyncSession, code: str, now: datetime) -> bool:
    result = await session.execute(
        update(Invite)
        .where(Invite.code == code, Invite.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    return bool(getattr(result, "rowcount", 0))
