"""The schema: migrations match the models, and constraints hold on both databases."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, inspect, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from storage.db import Database
from storage.models import Base, Comment, Partner
from storage.repositories import people, projects


async def test_models_match_migrations(db: Database) -> None:
    def diff(connection: Connection) -> list[Any]:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, Base.metadata))

    async with db.engine.connect() as connection:
        assert await connection.run_sync(diff) == []


async def test_every_model_table_exists(db: Database) -> None:
    async with db.engine.connect() as connection:
        names = await connection.run_sync(lambda c: set(inspect(c).get_table_names()))
    assert set(Base.metadata.tables) <= names


async def test_comment_is_unique_per_chat_and_message(db: Database) -> None:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    async with db.transaction() as session:
        session.add(Comment(chat_id=1, message_id=2, created_at=now))
    async with db.transaction() as session:
        session.add(Comment(chat_id=1, message_id=2, created_at=now))
        with pytest.raises(IntegrityError):
            await session.flush()
        await session.rollback()


async def test_deleting_a_person_cascades(db: Database) -> None:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    async with db.transaction() as session:
        person = await people.add_person(
            session, telegram_id=9, pseudonym="K7", language="en", consent_version="v", now=now
        )
        session.add(
            Comment(person_id=person.id, chat_id=9, message_id=1, text="hi", created_at=now)
        )
    async with db.transaction() as session:
        await people.delete_person(session, person.id)
    async with db.transaction() as session:
        assert await people.person_by_telegram_id(session, 9) is None
        assert await session.scalar(select(func.count()).select_from(Comment)) == 0


async def test_times_come_back_as_aware_utc(db: Database) -> None:
    async with db.transaction() as session:
        await projects.add_partner(session, "p", "P", None)
    async with db.transaction() as session:
        partner = await projects.partner_by_slug(session, "p")
        assert partner is not None and partner.created_at.tzinfo is not None


async def test_repositories_never_commit(db: Database) -> None:
    """A rolled-back unit of work leaves nothing behind."""

    async def failing_update() -> None:
        async with db.transaction() as session:
            await projects.add_partner(session, "gone", "Gone", None)
            raise RuntimeError("the update failed")

    with pytest.raises(RuntimeError):
        await failing_update()
    async with db.transaction() as session:
        assert await projects.partner_by_slug(session, "gone") is None
        assert await session.scalar(select(func.count()).select_from(Partner)) == 0
