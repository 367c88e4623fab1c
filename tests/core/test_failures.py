"""Failed updates counted in the database: per update and way of failing, across workers and
restarts, parked after five (webhook) or at once (long polling, where nothing comes back)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from bot.core.failures import PARK_AFTER, Failure, Verdict, error_name, note_failure
from storage.db import Database
from storage.models import DeadLetter

NOW = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
BROKEN = Failure(update_id=9, chat_id=44, error="ValueError")


async def fail(db: Database, failure: Failure, at: datetime, *, resent: bool = True) -> Verdict:
    async with db.transaction() as session:
        return await note_failure(session, failure, at, resent=resent)


async def letters(db: Database) -> list[DeadLetter]:
    async with db.transaction() as session:
        found = await session.scalars(select(DeadLetter).order_by(DeadLetter.id))
        return list(found)


async def test_every_worker_and_restart_adds_to_one_count(db: Database, database_url: str) -> None:
    other = Database(database_url)  # a second worker, or this one after a restart
    try:
        tries = [db, other, db, other, db, other]
        verdicts = [
            await fail(each, BROKEN, NOW + timedelta(minutes=n)) for n, each in enumerate(tries)
        ]
        # Two workers failing on the same update at the same moment both count.
        twice = await asyncio.gather(fail(db, BROKEN, NOW), fail(other, BROKEN, NOW))
    finally:
        await other.dispose()
    assert verdicts == [Verdict(n, n >= PARK_AFTER) for n in range(1, 7)]
    assert sorted(v.attempts for v in twice) == [7, 8]
    (letter,) = await letters(db)
    assert (letter.update_id, letter.chat_id, letter.error) == (9, 44, "ValueError")
    assert letter.attempts == 8 and letter.first_failed_at == NOW
    assert letter.parked_at == NOW + timedelta(minutes=PARK_AFTER - 1)  # when it was given up


async def test_a_different_fault_is_counted_afresh(db: Database) -> None:
    for n in range(PARK_AFTER - 1):
        await fail(db, BROKEN, NOW + timedelta(minutes=n))
    other_fault = Failure(BROKEN.update_id, BROKEN.chat_id, "KeyError")
    assert await fail(db, other_fault, NOW) == Verdict(1, parked=False)
    assert [(d.error, d.attempts, d.parked_at) for d in await letters(db)] == [
        ("ValueError", PARK_AFTER - 1, None),
        ("KeyError", 1, None),
    ]


async def test_without_a_second_chance_it_is_parked_at_once(db: Database) -> None:
    """Long polling: python-telegram-bot confirmed the update when it fetched it."""
    no_chat = Failure(update_id=10, chat_id=None, error="RuntimeError")
    assert await fail(db, no_chat, NOW, resent=False) == Verdict(1, parked=True)
    (letter,) = await letters(db)
    assert letter.chat_id is None and letter.parked_at == NOW


def test_an_error_is_named_by_its_class_never_its_message() -> None:
    said = "my neighbour Mrs Jones"
    assert error_name(ValueError(said)) == "ValueError"
    integrity = IntegrityError("INSERT ...", {"text": said}, Exception(said))
    assert error_name(integrity) == "sqlalchemy.exc.IntegrityError"
    long = type("E" * 200, (Exception,), {})
    assert len(error_name(long())) == 100
