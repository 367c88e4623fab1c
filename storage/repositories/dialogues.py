"""Dialogue state: where each person is in a conversation."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Dialogue


async def load_state(session: AsyncSession, person_id: int) -> dict[str, Any]:
    state = await session.scalar(select(Dialogue.state).where(Dialogue.person_id == person_id))
    return dict(state) if state else {}


async def save_state(
    session: AsyncSession, person_id: int, state: dict[str, Any], now: datetime
) -> None:
    dialogue = await session.get(Dialogue, person_id)
    if dialogue is None:
        session.add(Dialogue(person_id=person_id, state=state, updated_at=now))
    else:
        # A new dict, so the JSON column sees the change.
        dialogue.state = dict(state)
        dialogue.updated_at = now
    await session.flush()
