"""The composition root: the one place that opens the database and reads the prompts and word
lists a process runs with, and hands them on, for the bot (polling and each webhook worker) and
for every CLI command. Nothing here is built at import; each process calls it once at start-up.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from bot import voice, web
from bot.core import Clock, Deps, SystemClock
from bot.language import WordLists, load_word_lists
from bot.runtime.settings import ConfigError, Settings
from prompts import Prompts, load_prompts
from storage.db import Database
from storage.migrate import is_current, upgrade


class SchemaBehind(Exception):
    """A command that only reads found the schema older than this code; it never upgrades."""


@dataclass(frozen=True, slots=True)
class Texts:
    """Every YAML file, read and checked: the prompts and question sets, and the word lists."""

    prompts: Prompts
    words: WordLists


@dataclass(frozen=True, slots=True)
class Services:
    """What a process runs with: its settings, its database and the domain's dependencies."""

    settings: Settings
    db: Database
    deps: Deps
    # Makes a voice engine for each worker thread (None: voice notes are not transcribed).
    make_engine: voice.MakeEngine | None = None
    # The staff web page's address and signing key (None: WEB_URL is not set).
    web: web.WebConfig | None = None

    @property
    def prompts(self) -> Prompts:
        return self.deps.prompts


def load_texts(settings: Settings) -> Texts:
    """Read every YAML file now; a broken one raises PromptError naming the file and line."""
    return Texts(load_prompts(settings.prompts_dir), load_word_lists(settings.prompts_dir))


def compose(
    settings: Settings, texts: Texts, *, db: Database | None = None, clock: Clock | None = None
) -> Services:
    """Wire one process (tests hand in their own database and clock)."""
    key = settings.pseudonym_key.encode() if settings.pseudonym_key else None
    deps = Deps(clock or SystemClock(), texts.prompts, settings.timezone, texts.words, key)
    make_engine = voice.engine_for(settings.whisper_model, settings.whisper_device)
    site = None
    if settings.web_url and settings.pseudonym_key:
        site = web.WebConfig(settings.web_url, web.derive_key(settings.pseudonym_key))
    return Services(settings, db or Database(settings.database_url), deps, make_engine, site)


def check_voice(settings: Settings) -> None:
    """Load the voice engine once at start-up, so a missing or unreadable model stops the bot
    with one sentence (exit 2) instead of failing on the first voice note."""
    try:
        voice.engine_for(settings.whisper_model, settings.whisper_device)()
    except voice.EngineError as err:
        raise ConfigError(str(err)) from None


async def upgrade_database(settings: Settings) -> None:
    """Bring the schema up to date on a connection of its own, closed again before the bot
    starts (which runs on an event loop of its own)."""
    db = Database(settings.database_url)
    try:
        await upgrade(db)
    finally:
        await db.dispose()


@asynccontextmanager
async def open_services(settings: Settings, *, migrate: bool) -> AsyncIterator[Services]:
    """Everything a CLI command needs, its database closed at the end. Only commands that write
    (`migrate`) bring the schema up to date; the others refuse a schema that is behind."""
    services = compose(settings, load_texts(settings))
    try:
        if migrate:
            await upgrade(services.db)
        elif not await is_current(services.db):
            raise SchemaBehind("the database schema is out of date: run `natter db upgrade` first.")
        yield services
    finally:
        await services.db.dispose()
