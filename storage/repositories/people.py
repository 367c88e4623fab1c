"""People and what they belong to."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import (
    Column,
    ColumnElement,
    FromClause,
    Select,
    Table,
    and_,
    bindparam,
    delete,
    func,
    or_,
    select,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import QueryableAttribute

from storage.models import (
    Base,
    Comment,
    Dialogue,
    GroupSession,
    Membership,
    Outbox,
    Person,
    ProgrammeQuestion,
    Project,
    QuestionAsked,
    Response,
    Role,
)
from storage.repositories.outbox import scrub_names


async def person_by_telegram_id(session: AsyncSession, telegram_id: int) -> Person | None:
    found: Person | None = await session.scalar(
        select(Person).where(Person.telegram_id == telegram_id)
    )
    return found


@dataclass(frozen=True, slots=True)
class ProjectName:
    id: int
    name: str


@dataclass(frozen=True, slots=True)
class Arrival:
    """What a participant's message needs about its sender, read in one statement.

    Columns, not a loaded Person: the usual message needs only the id, and loading the ORM
    object costs more than the query. `bot.people` loads it when something must change.
    """

    person_id: int
    unreachable: bool
    checkins_unanswered: int
    state: dict[str, Any]  # their dialogue state ({} when none)
    projects: list[ProjectName]  # where they are a participant, oldest membership first
    question_id: int | None  # the programme question to put to them next, if any


def newest_unasked_question(
    person_id: int | ColumnElement[int] | QueryableAttribute[int],
) -> Select[tuple[int]]:
    """The newest active programme question not yet put to this person."""
    # correlate_except: a person_id column from an enclosing query stays that query's row.
    asked = (
        select(QuestionAsked.question_id)
        .where(QuestionAsked.person_id == person_id)
        .correlate_except(QuestionAsked)
    )
    return (
        select(ProgrammeQuestion.id)
        .where(ProgrammeQuestion.active.is_(True), ProgrammeQuestion.id.not_in(asked))
        .order_by(ProgrammeQuestion.created_at.desc())
        .limit(1)
    )


@cache
def _arrival_statement() -> Select[Any]:
    """Person, dialogue state, participant projects and next programme question, by Telegram id.

    Built once: executing the same statement object again reuses its memoized cache key and
    compiled form. One row per participant membership (one row with NULLs when none).
    """
    question = newest_unasked_question(Person.id).scalar_subquery()
    participant = and_(Membership.person_id == Person.id, Membership.role == Role.PARTICIPANT)
    return (
        select(
            Person.id,
            Person.unreachable,
            Person.checkins_unanswered,
            Dialogue.state,
            Project.id,
            Project.name,
            question,
        )
        .outerjoin(Dialogue, Dialogue.person_id == Person.id)
        .outerjoin(Membership, participant)
        .outerjoin(Project, Project.id == Membership.project_id)
        .where(Person.telegram_id == bindparam("telegram_id"))
        .order_by(Membership.id)
    )


async def arrival(session: AsyncSession, telegram_id: int) -> Arrival | None:
    # Through the session's connection: the same transaction, without the ORM's per-execution
    # work (nothing here is an ORM object, and nothing pending needs flushing first).
    connection = await session.connection()
    result = await connection.execute(_arrival_statement(), {"telegram_id": telegram_id})
    rows = result.all()
    if not rows:
        return None
    person_id, unreachable, unanswered, state, _, _, question_id = rows[0]
    projects = [ProjectName(row[4], row[5]) for row in rows if row[4] is not None]
    return Arrival(
        person_id, unreachable, unanswered, dict(state) if state else {}, projects, question_id
    )


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
    if count := await scrub_names(session, person_id, names, replacement):
        erasure.anonymised["outbox"] = count
    await session.execute(
        delete(Person).where(Person.id == person_id).execution_options(synchronize_session=False)
    )
    session.expunge(person)
    return erasure


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
