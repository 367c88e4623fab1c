"""Looking people up and giving newcomers a made-up name."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import pseudonyms
from bot.core.deps import CONSENT_VERSION, Deps
from storage.models import Person
from storage.repositories import people


async def find(session: AsyncSession, telegram_id: int) -> Person | None:
    """The person behind an incoming update. Hearing from them means they can be reached again."""
    person = await people.person_by_telegram_id(session, telegram_id)
    if person is not None and person.unreachable:
        person.unreachable = False
    return person


async def arrive(session: AsyncSession, telegram_id: int) -> people.Arrival | None:
    """`find` for an incoming message, with what it needs (state, projects) in the same read.

    Call it first in the unit of work. The Person is loaded only if something about them must
    change (they were unreachable); otherwise `load` does it when a caller needs the object.
    """
    found = await people.arrival(session, telegram_id)
    if found is not None and found.unreachable:
        (await load(session, found)).unreachable = False
    return found


async def load(session: AsyncSession, found: people.Arrival) -> Person:
    """The Person an arrival is about (from the session's identity map if already loaded)."""
    person = await session.get(Person, found.person_id)
    assert person is not None, "read in this transaction"
    return person


async def mark_unreachable(session: AsyncSession, telegram_id: int) -> None:
    """They blocked the bot: stop trying until they write again."""
    person = await people.person_by_telegram_id(session, telegram_id)
    if person is not None:
        person.unreachable = True


async def find_or_create(
    session: AsyncSession, deps: Deps, telegram_id: int, language: str
) -> Person:
    """The person behind this Telegram account, created (with consent recorded) on first yes."""
    person = await people.person_by_telegram_id(session, telegram_id)
    if person is not None:
        return person
    for candidate in pseudonyms.candidates():
        # Never a name someone had before they were forgotten, nor one in use.
        retired = pseudonyms.retired_mark(deps.pseudonym_key, candidate)
        if not await people.pseudonym_taken(session, candidate, retired):
            return await people.add_person(
                session,
                telegram_id=telegram_id,
                pseudonym=candidate,
                language=language,
                consent_version=CONSENT_VERSION,
                now=deps.now(),
            )
    raise RuntimeError("no free pseudonym after many tries")
