"""Updates whose handling fails. Each failed attempt is counted in the database, so every worker
and every restart adds to one count, per update and way of failing; after PARK_AFTER the update
is parked (a dead letter) and answered as handled, so Telegram stops sending it again."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from storage.repositories import dead_letters

# Attempts that fail the same way before an update is given up on (webhook mode: Telegram
# sends it again after each failure, more slowly each time).
PARK_AFTER = 5
ERROR_NAME_LIMIT = 100  # the column's width


@dataclass(frozen=True, slots=True)
class Failure:
    update_id: int
    chat_id: int | None
    error: str  # the exception's class: never its message, which may quote the person


@dataclass(frozen=True, slots=True)
class Verdict:
    attempts: int  # this one included
    parked: bool  # given up on: answer as handled


def error_name(error: BaseException) -> str:
    """`ValueError`, `sqlalchemy.exc.IntegrityError`: the class, which says what kind of fault
    it is and, unlike the message, nothing of what was said."""
    kind = type(error)
    name = (
        kind.__qualname__
        if kind.__module__ == "builtins"
        else f"{kind.__module__}.{kind.__qualname__}"
    )
    return name[-ERROR_NAME_LIMIT:]


async def note_failure(
    session: AsyncSession, failure: Failure, now: datetime, *, resent: bool
) -> Verdict:
    """Count one failed attempt. `resent`: whether Telegram will send the update again if it
    is not answered as handled (webhook mode). Under long polling it never comes back
    (python-telegram-bot confirmed it when it fetched it), so it is parked at once."""
    attempts = await dead_letters.count_failure(
        session, failure.update_id, failure.error, failure.chat_id, now
    )
    parked = attempts >= PARK_AFTER or not resent
    if parked:
        await dead_letters.park(session, failure.update_id, failure.error, now)
    return Verdict(attempts, parked)
