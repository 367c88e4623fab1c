"""Early signs, gently: a check-in answered "Not great", words such as "couldn't get there" or
"haven't been well" (prompts/early_signs.yaml), or a regular (3 weeks in a row) gone quiet for
4 weeks put the person on a "worth a call" list in /flagged. Not a crisis: no alert, counted in
the weekly round-up."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import Deps, Kept, Reply, people, team_of
from storage.db import Database
from storage.models import EarlySign, Membership
from storage.repositories import early_signs

QUIET = timedelta(weeks=4)
REGULAR_WEEKS = 3
LOOK_BACK = timedelta(weeks=12)


async def from_words(session: AsyncSession, deps: Deps, kept: Kept) -> None:
    """A participant's own message with an early sign in it (a crisis is care.screen's)."""
    if kept.person_id is None or kept.project_id is None or not kept.text:
        return
    if deps.words.early_signs.concerns(kept.text):
        await early_signs.note(session, kept.person_id, kept.project_id, "words", deps.now())


async def not_great(
    session: AsyncSession, deps: Deps, telegram_id: int, membership_id: int
) -> None:
    """A check-in answered "Not great" (the press already checked by bot.checkins)."""
    person = await people.find(session, telegram_id)
    membership = await session.get(Membership, membership_id)
    if person is None or membership is None or membership.person_id != person.id:
        return
    if membership.project_id is not None:
        await early_signs.note(session, person.id, membership.project_id, "not_great", deps.now())


def regular_then_quiet(times: list[datetime], now: datetime) -> bool:
    """Something said in each of 3 weeks in a row, then nothing for 4 weeks."""
    if not times or now - max(times) < QUIET:
        return False
    weeks = {(now - at).days // 7 for at in times}
    latest = min(weeks)
    return all(latest + n in weeks for n in range(REGULAR_WEEKS))


async def plan_quiet(db: Database, deps: Deps, now: datetime) -> int:
    """Planned from the database each minute (bot.runtime.jobs): once per quiet spell."""
    added = 0
    async with db.transaction() as session:
        times: dict[tuple[int, int], list[datetime]] = defaultdict(list)
        for said in await early_signs.said_since(session, now - LOOK_BACK):
            times[(said.person_id, said.project_id)].append(said.at)
        for (person_id, project_id), said_at in times.items():
            if not regular_then_quiet(said_at, now):
                continue
            noted = await early_signs.last_quiet(session, person_id, project_id)
            if noted is not None and noted > max(said_at):
                continue  # this quiet spell is on the list already
            added += await early_signs.note(session, person_id, project_id, "quiet", now)
    return added


async def called(session: AsyncSession, deps: Deps, telegram_id: int, sign_id: int) -> Reply | None:
    """Staff mark someone on the list as called (their own projects only)."""
    found = await team_of(session, telegram_id)
    sign = await session.get(EarlySign, sign_id)
    allowed = {p.id for p in found.projects} if found else set()
    if sign is None or sign.called_at is not None or sign.project_id not in allowed:
        return None
    sign.called_at = deps.now()
    return Reply.of("care.called")
