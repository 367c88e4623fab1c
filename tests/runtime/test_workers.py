"""Several webhook workers on one database: one chat's updates are handled one at a time even
when two workers are handed them at once (Telegram posts on up to 40 connections)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.runtime.root import Texts
from bot.runtime.settings import load_settings
from storage.db import Database, chat_lock_key
from storage.migrate import upgrade
from storage.models import Comment, Dialogue
from tests.support.harness import Harness
from tests.support.keys import PSEUDONYM_KEY
from tests.support.private_postgres import PrivatePostgres, private_postgres  # noqa: F401
from tests.support.seed import seed_project

ANN = 7001
QUESTIONS = ["enjoyed", "change", "start", "anything_else"]  # prompts/questions/default.yaml


@pytest.fixture(params=["sqlite", "postgresql"])
async def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A migrated database of its own on each backend: PostgreSQL on the private cluster, so
    the test runs there whatever TEST_DATABASE_URL says (and is never a skip)."""
    if request.param == "sqlite":
        found = f"sqlite+aiosqlite:///{tmp_path / 'workers.db'}"
    else:
        cluster: PrivatePostgres = request.getfixturevalue("private_postgres")
        found = cluster.new_database()
    db = Database(found)
    try:
        await upgrade(db)
    finally:
        await db.dispose()
    return found


async def worker(url: str, texts: Texts) -> Harness:
    """One worker: an application with its own engine, as each uvicorn worker process has."""
    settings = load_settings(
        env_file=None,
        environ={
            "DATABASE_URL": url,
            "TELEGRAM_BOT_TOKEN": "123456:TEST",
            "PSEUDONYM_KEY": PSEUDONYM_KEY,
        },
    )
    return Harness(Database(url), texts, settings, webhook=True)


async def test_two_workers_take_turns_with_one_chat(url: str, texts: Texts) -> None:
    """Four answers to the four questions, handed alternately to two workers all at once:
    handled one at a time, each is filed against the next question. Handled together, two
    would read the same step and both be filed against it (and a question skipped)."""
    first, second = await worker(url, texts), await worker(url, texts)
    try:
        code = (await seed_project(first.db)).participant_code
        async with first.app, second.app:
            calls = await first.send(ANN, f"/start {code}")
            await first.press_button(ANN, calls, "Yes")
            await asyncio.gather(
                *(
                    (first, second)[n % 2].send(ANN, f"Answer {n}", message_id=100 + n)
                    for n in range(len(QUESTIONS))
                )
            )
        assert not first.errors and not second.errors, (first.errors, second.errors)
        async with first.db.transaction() as session:
            stored = (await session.scalars(select(Comment).order_by(Comment.id))).all()
            (dialogue,) = (await session.scalars(select(Dialogue))).all()
        assert [c.question_key for c in stored] == QUESTIONS, [
            (c.message_id, c.question_key) for c in stored
        ]
        assert dialogue.state == {}  # every question asked once: nothing left to ask
    finally:
        await first.db.dispose()
        await second.db.dispose()


def test_any_chat_id_fits_the_locks_32_bit_half() -> None:
    for chat in (0, 1, -1, 2**31, -(2**31) - 1, 2**52, -1_001_234_567_890, 7_123_456_789):
        assert -(2**31) <= chat_lock_key(chat) < 2**31, chat
    assert chat_lock_key(ANN) == ANN  # small ids are their own key
