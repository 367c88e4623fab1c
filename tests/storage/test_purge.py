"""Cleaning up after an erasure in the files: SQLite zeroes what it deletes on every connection;
PostgreSQL vacuums what an erasure touched, and a role that may not is skipped, not an error."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import event, text
from sqlalchemy.engine import make_url

from bot import privacy
from bot.runtime.root import Texts, compose
from bot.runtime.settings import Settings
from storage.db import Database
from storage.migrate import upgrade
from storage.models import Comment, Role
from storage.repositories import people
from tests.support.private_postgres import PrivatePostgres, private_postgres  # noqa: F401
from tests.support.team import add_member

NOW = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)
# Every table an erasure may change, so may leave dead rows in.
TOUCHED = ["comments", "dialogues", "early_signs", "flag_follow_ups", "flag_messages",
           "group_sessions",
           "memberships", "outbox", "people", "programme_questions", "questions_asked",
           "responses", "web_sign_ins"]  # fmt: skip


async def forget_someone(db: Database, settings: Settings, texts: Texts) -> None:
    person_id = await add_member(db, 7001, None, Role.PARTICIPANT, NOW, "K7")
    async with db.transaction() as session:
        session.add(Comment(person_id=person_id, chat_id=7001, message_id=1, text="hi",
                            created_at=NOW))  # fmt: skip
    deps = compose(settings, texts, db=db).deps
    async with db.transaction() as session:
        person = await people.person_by_pseudonym(session, "K7")
        assert person is not None
        await privacy.erase(session, deps, person)


async def test_every_sqlite_connection_zeroes_what_it_deletes(tmp_path: Any) -> None:
    """Whatever the SQLite build's default (Debian's is on, SQLite's own is off)."""
    db = Database(f"sqlite+aiosqlite:///{tmp_path / 'x.db'}")

    def build_default_off(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute("PRAGMA secure_delete=OFF")

    event.listen(db.engine.sync_engine, "connect", build_default_off, insert=True)
    try:
        async with db.engine.connect() as connection:
            found = await connection.exec_driver_sql("PRAGMA secure_delete")
            assert found.scalar() == 1
    finally:
        await db.dispose()


@pytest.fixture
async def pg(request: pytest.FixtureRequest, db: Database) -> AsyncIterator[Database]:
    """VACUUM is PostgreSQL's: the suite's database on the PostgreSQL pass, else a migrated one
    on the private cluster (so these run in both passes and are never a skip)."""
    if db.backend == "postgresql":
        yield db
        return
    cluster: PrivatePostgres = request.getfixturevalue("private_postgres")
    database = Database(cluster.new_database())
    await upgrade(database)
    try:
        yield database
    finally:
        await database.dispose()


async def last_vacuums(db: Database) -> dict[str, datetime | None]:
    async with db.engine.connect() as connection:
        rows = await connection.execute(
            text("SELECT relname, last_vacuum FROM pg_stat_user_tables WHERE relname = ANY(:t)"),
            {"t": TOUCHED},
        )
        return {name: when for name, when in rows.tuples()}


async def test_an_erasure_vacuums_every_table_it_touched(
    pg: Database, settings: Settings, texts: Texts
) -> None:
    db = pg
    async with db.engine.connect() as connection:
        started = (await connection.execute(text("SELECT now()"))).scalar_one()
    await forget_someone(db, settings, texts)
    assert db.last_purge is not None and db.last_purge.done
    vacuumed = await last_vacuums(db)
    assert sorted(vacuumed) == TOUCHED
    assert all(when is not None and when >= started for when in vacuumed.values()), vacuumed


@pytest.fixture
async def no_vacuum(pg: Database) -> AsyncIterator[Database]:
    """The same database through a role that may read and write every table, owning none."""
    db = pg
    url = make_url(db.url)
    role = f"natter_no_vacuum_{url.database}"
    async with db.engine.begin() as connection:
        await connection.execute(text(f"DROP ROLE IF EXISTS {role}"))
        await connection.execute(text(f"CREATE ROLE {role} LOGIN"))
        await connection.execute(text(f"GRANT USAGE ON SCHEMA public TO {role}"))
        for grant in ("ALL ON ALL TABLES", "ALL ON ALL SEQUENCES"):
            await connection.execute(text(f"GRANT {grant} IN SCHEMA public TO {role}"))
    limited = Database(url.set(username=role).render_as_string(hide_password=False))
    try:
        yield limited
    finally:
        await limited.dispose()
        async with db.engine.begin() as connection:
            await connection.execute(text(f"DROP OWNED BY {role}"))
            await connection.execute(text(f"DROP ROLE {role}"))


async def test_a_role_that_may_not_vacuum_still_forgets(
    no_vacuum: Database, settings: Settings, texts: Texts, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG, logger="storage"):
        await forget_someone(no_vacuum, settings, texts)
    assert no_vacuum.last_purge is not None and not no_vacuum.last_purge.done
    assert list(no_vacuum.last_purge.skipped) == TOUCHED
    assert f"VACUUM skipped {len(TOUCHED)} tables" in caplog.text
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    async with no_vacuum.transaction() as session:
        assert await people.person_by_pseudonym(session, "K7") is None  # forgotten all the same
