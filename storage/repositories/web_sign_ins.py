"""The staff web page's sign-ins: a one-time link used once, then a session until it expires."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import WebSignIn
from storage.upsert import insert_ignoring_conflicts


async def use_link(
    session: AsyncSession, nonce: str, person_id: int, now: datetime, expires_at: datetime
) -> bool:
    """Record the link's nonce as used, opening a session; False if it was used before."""
    statement = insert_ignoring_conflicts(
        session, WebSignIn, nonce=nonce, person_id=person_id, signed_in_at=now,
        expires_at=expires_at,
    )  # fmt: skip
    return (await session.execute(statement)).scalar() is not None


async def live(session: AsyncSession, nonce: str, now: datetime) -> WebSignIn | None:
    """The session opened by this nonce, if it is neither signed out nor expired."""
    found = await session.get(WebSignIn, nonce)
    if found is None or found.signed_out_at is not None or found.expires_at <= now:
        return None
    return found


async def sign_out(session: AsyncSession, nonce: str, now: datetime) -> None:
    await session.execute(
        update(WebSignIn).where(WebSignIn.nonce == nonce).values(signed_out_at=now)
    )


async def set_ticked(session: AsyncSession, nonce: str, ticked: Sequence[int]) -> None:
    await session.execute(
        update(WebSignIn).where(WebSignIn.nonce == nonce).values(ticked=sorted(set(ticked)))
    )


async def forget_expired(session: AsyncSession, now: datetime) -> int:
    """Sessions past their time (the used nonce need not be kept: its link has expired too)."""
    done = await session.execute(delete(WebSignIn).where(WebSignIn.expires_at <= now))
    return int(done.rowcount or 0)  # type: ignore[attr-defined]


async def sessions_of(session: AsyncSession, person_id: int) -> list[WebSignIn]:
    found = await session.scalars(select(WebSignIn).where(WebSignIn.person_id == person_id))
    return list(found)
