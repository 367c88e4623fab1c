"""Dialogue state: where each person is in a conversation, as the JSON bot.core.dialogue reads
and writes (storage keeps it as it is given; {} means no step)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Dialogue


async def load_state(session: AsyncSession, person_id: int) -> dict[str, object]:
    state = await session.scalar(select(Dialogue.state).where(Dialogue.person_id == person_id))
    return dict(state) if state else {}


async def save_state(
    session: AsyncSession, person_id: int, state: Mapping[str, object], now: datetime
) -> None:
    dialogue = await session.get(Dialogue, person_id)
    if dialogue is None:
        session.add(Dialogue(person_id=person_id, state=dict(state), updated_at=now))
    else:
        # A new dict, so the JSON column sees the change.
        dialogue.state = dict(state)
        dialogue.updated_at = now
    await session.flush()
