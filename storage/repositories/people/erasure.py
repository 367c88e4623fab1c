"""Forgetting someone: every row that names them, removed or unlinked in one transaction."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Column, ColumnElement, FromClause, Table, delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage import purge
from storage.models import Base, Comment, Outbox, Person, RetiredPseudonym
from storage.repositories.dead_letters import forget_chat
from storage.upsert import insert_ignoring_conflicts


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


async def delete_person(session: AsyncSession, person_id: int, retired_mark: str) -> Erasure:
    """Remove the person and every row that names them, in this transaction.

    The database's ON DELETE rules remove what hangs off them (CASCADE) and stop kept rows
    pointing at them (SET NULL). Then what names them without a foreign key: notes they relayed
    keep their Telegram id as the chat id (made negative-and-unique instead), and messages to
    their chat with no person id and the record of updates from it that failed (dead letters)
    are deleted. Their made-up name is kept only as `retired_mark` (its keyed hash), so it is
    never given out again. Messages kept for others that quote them are the caller's to rewrite
    first (bot.privacy). Once this commits, the unit of work cleans the deleted bytes out of
    the files (storage.purge).
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
    if count := await forget_chat(session, person.telegram_id):
        erasure.deleted["dead_letters"] = count
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
    await session.execute(
        delete(Person).where(Person.id == person_id).execution_options(synchronize_session=False)
    )
    session.expunge(person)
    await session.execute(insert_ignoring_conflicts(session, RetiredPseudonym, mark=retired_mark))
    touched = {table.name for table, _, _ in references_to_people()}
    # Deleted with their comments (ON DELETE CASCADE): a follow-up, a number, a conversation.
    cascaded = {"flag_follow_ups", "flag_messages"}
    purge.request(session, touched | cascaded | {"people", "outbox", "comments"})
    return erasure
