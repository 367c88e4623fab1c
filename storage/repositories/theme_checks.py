"""Comments for staff to check what they are about (bot.replies.themes_check): the themes read
from the words, and staff's own, which win once set."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, Select, and_, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import (
    Comment,
    GroupSession,
    Person,
    heard_well,
    is_suggestion,
    quoted_words,
)
from storage.repositories.digests import counted


@dataclass(frozen=True, slots=True)
class ToCheck:
    comment_id: int
    words: str | None  # as staff read them (names kept out), or a voice note's as heard
    pseudonym: str | None
    place: str | None  # a group's, for a volunteer's note
    themes: dict[str, bool]  # {theme: happy}: staff's own where set, else as read
    checked: bool  # staff have set them
    listed: bool | None = None  # waiting in /replies; None: already answered


def _checkable(project_ids: Sequence[int], since: datetime) -> ColumnElement[bool]:
    """What a digest counts, in these projects, since then, with words to read."""
    return and_(
        Comment.project_id.in_(project_ids),
        Comment.created_at >= since,
        counted(),
        or_(Comment.text.is_not(None), heard_well().is_not(None)),
    )


_Themes = dict[str, bool] | None
# (outer joins: NULL in fact)
_Row = tuple[int, str | None, str, str, _Themes, _Themes, bool, int | None]


def _select() -> Select[_Row]:
    # Typed words, else a voice note's as heard; NULL for a voice note not heard well.
    words: ColumnElement[str | None] = func.coalesce(quoted_words(), heard_well())
    return (
        select(
            Comment.id,
            words,
            Person.pseudonym,
            GroupSession.place,
            Comment.themes,
            Comment.staff_themes,
            is_suggestion(),
            Comment.response_id,
        )
        .outerjoin(Person, Person.id == Comment.person_id)
        .outerjoin(GroupSession, GroupSession.id == Comment.group_session_id)
    )


def _row(row: _Row) -> ToCheck:
    comment_id, words, pseudonym, place, read, own, asks, answered = row
    themes = own if own is not None else (read or {})
    listed = None if answered is not None else bool(asks)
    return ToCheck(
        comment_id, words, pseudonym or None, place or None, dict(themes), own is not None,
        listed,
    )  # fmt: skip


async def next_to_check(
    session: AsyncSession, project_ids: Sequence[int], since: datetime, before: int | None
) -> ToCheck | None:
    """The newest comment staff have not checked, older than `before` (None: the newest)."""
    where = [_checkable(project_ids, since), Comment.staff_themes.is_(None)]
    if before is not None:
        where.append(Comment.id < before)
    query = _select().where(*where).order_by(Comment.id.desc()).limit(1)
    found = (await session.execute(query)).tuples().first()
    return _row(found) if found else None


async def left_to_check(session: AsyncSession, project_ids: Sequence[int], since: datetime) -> int:
    count = select(func.count()).where(
        _checkable(project_ids, since), Comment.staff_themes.is_(None)
    )
    return int(await session.scalar(count) or 0)


async def one(
    session: AsyncSession, project_ids: Sequence[int], since: datetime, comment_id: int
) -> ToCheck | None:
    """This comment, if staff of these projects may check it."""
    query = _select().where(_checkable(project_ids, since), Comment.id == comment_id)
    found = (await session.execute(query)).tuples().first()
    return _row(found) if found else None


async def set_themes(session: AsyncSession, comment_id: int, themes: dict[str, bool]) -> None:
    """Staff's own themes for a comment (checked by `one` first); they win from now on."""
    await session.execute(
        update(Comment).where(Comment.id == comment_id).values(staff_themes=themes)
    )
