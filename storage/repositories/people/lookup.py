"""Finding a person (by Telegram id or pseudonym) and adding one who said yes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Person, RetiredPseudonym


async def person_by_telegram_id(session: AsyncSession, telegram_id: int) -> Person | None:
    found: Person | None = await session.scalar(
        select(Person).where(Person.telegram_id == telegram_id)
    )
    return found


async def person_by_pseudonym(session: AsyncSession, pseudonym: str) -> Person | None:
    found: Person | None = await session.scalar(select(Person).where(Person.pseudonym == pseudonym))
    return found


async def pseudonym_taken(session: AsyncSession, pseudonym: str, retired_mark: str) -> bool:
    """In use by someone, or retired (`retired_mark` is its keyed hash): never to be given out."""
    in_use = select(Person.id).where(Person.pseudonym == pseudonym)
    retired = select(RetiredPseudonym.mark).where(RetiredPseudonym.mark == retired_mark)
    found = await session.scalar(select(in_use.exists() | retired.exists()))
    return bool(found)


async def pseudonym_retired(session: AsyncSession, retired_mark: str) -> bool:
    """Whether the name with this keyed hash belonged to someone who was forgotten."""
    return await session.get(RetiredPseudonym, retired_mark) is not None


async def add_person(
    session: AsyncSession,
    *,
    telegram_id: int,
    pseudonym: str,
    language: str,
    consent_version: str,
    now: datetime,
) -> Person:
    person = Person(
        telegram_id=telegram_id,
        pseudonym=pseudonym,
        language=language,
        consent_version=consent_version,
        consented_at=now,
        paused=False,
        unreachable=False,
        created_at=now,
    )
    session.add(person)
    await session.flush()
    return person
