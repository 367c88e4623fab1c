"""Seeding people straight into the database, for digest and outbox tests."""

from __future__ import annotations

import itertools
from datetime import datetime

from storage.db import Database
from storage.models import Comment, Kind, Membership, Person, Role

_message_ids = itertools.count(1_000_000)


async def add_member(
    db: Database,
    telegram_id: int,
    project_id: int | None,
    role: Role,
    now: datetime,
    pseudonym: str,
) -> int:
    async with db.transaction() as session:
        person = Person(
            telegram_id=telegram_id,
            pseudonym=pseudonym,
            language="en",
            consent_version="test",
            consented_at=now,
            paused=False,
            unreachable=False,
            created_at=now,
        )
        session.add(person)
        await session.flush()
        session.add(
            Membership(person_id=person.id, project_id=project_id, role=role, joined_at=now)
        )
        return person.id


async def add_comment(
    db: Database,
    person_id: int,
    project_id: int,
    text: str,
    at: datetime,
    kind: Kind = Kind.OTHER,
    message_id: int | None = None,
) -> None:
    async with db.transaction() as session:
        session.add(
            Comment(
                person_id=person_id,
                project_id=project_id,
                kind=kind,
                text=text,
                chat_id=person_id,
                message_id=message_id or next(_message_ids),
                created_at=at,
            )
        )
