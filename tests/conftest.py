"""Fixtures: a migrated database (SQLite by default, PostgreSQL with TEST_DATABASE_URL),
prompts, and the application driven through python-telegram-bot's offline seam."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.language import WordLists, load_word_lists
from bot.runtime.root import Texts
from bot.runtime.settings import Settings, load_settings
from prompts import Prompts, load_prompts
from storage.db import Database
from storage.migrate import upgrade
from storage.models import Base
from tests.fake_telegram import FakeTelegram
from tests.support.harness import Harness
from tests.support.keys import PSEUDONYM_KEY
from tests.support.seed import seed_project

os.environ.setdefault("PTB_TIMEDELTA", "1")  # as `natter` itself does
# What `natter run`, `person forget` and `retention` need; subprocesses inherit it.
os.environ.setdefault("PSEUDONYM_KEY", PSEUDONYM_KEY)
ROOT = Path(__file__).resolve().parent.parent
# Kill/restart trials per loop in tests/runtime/test_faults.py: few by default, many with --long.
SHORT_TRIALS, LONG_TRIALS = 3, 25


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--long",
        action="store_true",
        default=False,
        help=f"fault tests: {LONG_TRIALS} kill/restart trials per loop instead of {SHORT_TRIALS}",
    )


@pytest.fixture(scope="session")
def trials(pytestconfig: pytest.Config) -> int:
    """How many times a fault test kills and restarts the bot (see --long)."""
    return LONG_TRIALS if pytestconfig.getoption("--long") else SHORT_TRIALS


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A freshly migrated database for this test session."""
    url = os.environ.get("TEST_DATABASE_URL") or (
        f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('db') / 'natter-test.db'}"
    )

    async def prepare() -> None:
        db = Database(url)
        try:
            if db.backend == "postgresql":
                async with db.engine.begin() as conn:
                    await conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
                    await conn.execute(text("CREATE SCHEMA public"))
            await upgrade(db)
        finally:
            await db.dispose()

    asyncio.run(prepare())
    return url


@pytest.fixture
async def db(database_url: str) -> AsyncIterator[Database]:
    database = Database(database_url)
    await _empty(database)
    yield database
    await database.dispose()


async def _empty(database: Database) -> None:
    """Start each test from empty tables (faster than migrating again)."""
    async with database.transaction() as session:
        for table in reversed(Base.metadata.sorted_tables):
            await session.execute(table.delete())


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    """The fake Bot API server with Telegram's limits (a module may override it)."""
    async with FakeTelegram(token="123456:TEST") as server:
        yield server


@pytest.fixture(scope="session")
def texts() -> Texts:
    """The shipped prompts and word lists, read once for the session."""
    return Texts(load_prompts(), load_word_lists())


@pytest.fixture(scope="session")
def prompts(texts: Texts) -> Prompts:
    return texts.prompts


@pytest.fixture(scope="session")
def words(texts: Texts) -> WordLists:
    return texts.words


@pytest.fixture
def settings(database_url: str) -> Settings:
    return load_settings(
        env_file=None,
        environ={
            "DATABASE_URL": database_url,
            "TELEGRAM_BOT_TOKEN": "123456:TEST",
            "PSEUDONYM_KEY": PSEUDONYM_KEY,
        },
    )


@pytest.fixture
async def harness(db: Database, texts: Texts, settings: Settings) -> AsyncIterator[Harness]:
    h = Harness(db, texts, settings)
    async with h.app:
        yield h
    assert not h.errors, f"a handler raised: {h.errors!r}"


@pytest.fixture
async def invite_code(db: Database) -> str:
    """A participant invite for a seeded project."""
    return (await seed_project(db)).participant_code
