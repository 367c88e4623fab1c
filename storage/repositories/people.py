"""People and what they belong to."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Column, ColumnElement, FromClause, Table, delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import (
    Base,
    Comment,
    Dialogue,
    GroupSession,
    Membership,
    Outbox,
    Person,
    ProgrammeQuestion,
    QuestionAsked,
    Response,
    Role,
)


async def person_by_telegram_id(session: AsyncSession, telegram_id: int) -> Person | None:
    found: Person | None = await session.scalar(
        select(Person).where(Person.telegram_id == telegram_id)
    )
    return found


async def person_by_pseudonym(session: AsyncSession, pseudonym: str) -> Person | None:
    found: Person | None = await session.scalar(select(Person).where(Person.pseudonym == pseudonym))
    return found


async def pseudonym_taken(session: AsyncSession, pseudonym: str) -> bool:
    found = await session.scalar(select(Person.id).where(Person.pseudonym == pseudonym))
    return found is not None


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


async def memberships(
    session: AsyncSession, person_id: int, role: Role | None = None
) -> Sequence[Membership]:
    query = select(Membership).where(Membership.person_id == person_id).order_by(Membership.id)
    if role is not None:
        query = query.where(Membership.role == role)
    return (await session.scalars(query)).all()


async def add_membership(
    session: AsyncSession, person_id: int, project_id: int | None, role: Role, now: datetime
) -> Membership:
    existing = await session.scalar(
        select(Membership).where(
            Membership.person_id == person_id,
            Membership.project_id == project_id
            if project_id is not None
            else Membership.project_id.is_(None),
            Membership.role == role,
        )
    )
    if existing is not None:
        return existing
    membership = Membership(person_id=person_id, project_id=project_id, role=role, joined_at=now)
    session.add(membership)
    await session.flush()
    return membership


@dataclass(frozen=True, slots=True)
class Erasure:
    """What forgetting someone did, table by table (the CLI prints it)."""

    deleted: dict[str, int] = field(default_factory=dict)  # rows removed
    unlinked: dict[str, int] = field(default_factory=dict)  # rows kept that no longer point at them
    anonymised: dict[str, int] = field(default_factory=dict)  # rows kept, their id or name removed


def references_to_people() -> list[tuple[Table, Column[int], str]]:
    """Every column that points at people.id, with its ON DELETE rule, walked from the models."""
    found: list[tuple[Table, Column[int], str]] = []
    for table in Base.metadata.sorted_tables:
        for fk in sorted(table.foreign_keys, key=lambda fk: fk.parent.name):
            if fk.column.table is Person.__table__:
                found.append((table, fk.parent, (fk.ondelete or "NO ACTION").upper()))
    return found


async def _count(session: AsyncSession, table: FromClause, *where: ColumnElement[bool]) -> int:
    found = await session.scalar(select(func.count()).select_from(table).where(*where))
    return int(found or 0)


async def delete_person(
    session: AsyncSession, person_id: int, names: Sequence[str] = (), replacement: str = ""
) -> Erasure:
    """Remove the person and every row that names them, in this transaction.

    The database's ON DELETE rules remove what hangs off them (CASCADE) and stop kept rows
    pointing at them (SET NULL). Then what names them without a foreign key: notes they relayed
    keep their Telegram id as the chat id (made negative-and-unique instead), messages to their
    chat with no person id are deleted, and `names` (such as "Person K7") in messages queued or
    kept for others are replaced with `replacement`.
    """
    person = await session.get(Person, person_id)
    if person is None:
        return Erasure()
    erasure = Erasure(deleted={"people": 1})
    for table, column, rule in references_to_people():
        count = await _count(session, table, column == person_id)
        if rule == "CASCADE":
            target = erasure.deleted
        elif rule == "SET NULL":
            target = erasure.unlinked
        else:
            raise RuntimeError(f"{table.name}.{column.name} (ON DELETE {rule}) blocks erasure")
        if count:
            target[table.name] = target.get(table.name, 0) + count
    not_theirs = or_(Outbox.person_id.is_(None), Outbox.person_id != person_id)
    to_them = [Outbox.chat_id == person.telegram_id, not_theirs]
    if count := await _count(session, Outbox.__table__, *to_them):
        await session.execute(delete(Outbox).where(*to_them))
        erasure.deleted["outbox"] = erasure.deleted.get("outbox", 0) + count
    relayed = [
        Comment.chat_id == person.telegram_id,
        or_(Comment.person_id.is_(None), Comment.person_id != person_id),
    ]
    if count := await _count(session, Comment.__table__, *relayed):
        # -id is unique and no private chat's id is negative, so (chat_id, message_id) stays unique.
        await session.execute(
            update(Comment)
            .where(*relayed)
            .values(chat_id=-Comment.id)
            .execution_options(synchronize_session=False)
        )
        erasure.anonymised["comments"] = count
    if count := await _scrub_names(session, person_id, names, replacement):
        erasure.anonymised["outbox"] = count
    await session.execute(
        delete(Person).where(Person.id == person_id).execution_options(synchronize_session=False)
    )
    session.expunge(person)
    return erasure


async def _scrub_names(
    session: AsyncSession, person_id: int, names: Sequence[str], replacement: str
) -> int:
    """Replace `names` in digests and alerts kept for others; returns how many rows changed."""
    if not names:
        return 0
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)")
    mentions = [Outbox.text.contains(n) for n in names] + [
        Outbox.document.contains(n) for n in names
    ]
    rows = await session.scalars(
        select(Outbox).where(
            or_(*mentions), or_(Outbox.person_id.is_(None), Outbox.person_id != person_id)
        )
    )
    changed = 0
    for row in rows.all():
        text = pattern.sub(replacement, row.text) if row.text else row.text
        document = pattern.sub(replacement, row.document) if row.document else row.document
        if (text, document) != (row.text, row.document):
            row.text, row.document = text, document
            changed += 1
    await session.flush()
    return changed


@dataclass(frozen=True, slots=True)
class Held:
    """Every row about one person, for /mydata (a test checks each table shows up)."""

    person: Person
    memberships: Sequence[Membership]
    comments: Sequence[Comment]
    replies: dict[int, Response]  # staff replies to their comments, by id
    asked: Sequence[tuple[QuestionAsked, ProgrammeQuestion]]  # programme questions put to them
    outbox: Sequence[Outbox]  # messages to them, waiting or kept for a while after sending
    dialogue: Dialogue | None
    sessions: Sequence[tuple[GroupSession, int]]  # groups they noted, with how many notes
    questions_written: Sequence[ProgrammeQuestion]  # programme questions they asked
    replies_written: Sequence[Response]  # replies they wrote as staff


async def held_about(session: AsyncSession, person: Person) -> Held:
    comments = (
        await session.scalars(
            select(Comment)
            .where(Comment.person_id == person.id)
            .order_by(Comment.created_at, Comment.id)
        )
    ).all()
    reply_ids = {c.response_id for c in comments if c.response_id is not None}
    replies = (await session.scalars(select(Response).where(Response.id.in_(reply_ids)))).all()
    asked = await session.execute(
        select(QuestionAsked, ProgrammeQuestion)
        .join(ProgrammeQuestion, ProgrammeQuestion.id == QuestionAsked.question_id)
        .where(QuestionAsked.person_id == person.id)
        .order_by(QuestionAsked.asked_at)
    )
    outbox = await session.scalars(
        select(Outbox)
        .where(or_(Outbox.person_id == person.id, Outbox.chat_id == person.telegram_id))
        .order_by(Outbox.created_at, Outbox.id)
    )
    notes = (
        select(func.count()).where(Comment.group_session_id == GroupSession.id).scalar_subquery()
    )
    groups = await session.execute(
        select(GroupSession, notes)
        .where(GroupSession.volunteer_id == person.id)
        .order_by(GroupSession.held_on, GroupSession.id)
    )
    written = await session.scalars(
        select(ProgrammeQuestion)
        .where(ProgrammeQuestion.asked_by == person.id)
        .order_by(ProgrammeQuestion.created_at)
    )
    answered = await session.scalars(
        select(Response).where(Response.staff_id == person.id).order_by(Response.created_at)
    )
    return Held(
        person=person,
        memberships=await memberships(session, person.id),
        comments=comments,
        replies={r.id: r for r in replies},
        asked=[(a, q) for a, q in asked.tuples()],
        outbox=outbox.all(),
        dialogue=await session.get(Dialogue, person.id),
        sessions=[(g, int(n or 0)) for g, n in groups.tuples()],
        questions_written=written.all(),
        replies_written=answered.all(),
    )
