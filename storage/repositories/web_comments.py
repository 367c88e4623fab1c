"""Comments as the staff web page lists them: searched and filtered, names kept out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, case, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import (
    Comment,
    GroupSession,
    Kind,
    Person,
    Reading,
    Source,
    heard_well,
    quoted_words,
)


@dataclass(frozen=True, slots=True)
class CommentFilter:
    """What the staff member asked for; None or empty: any."""

    words: str = ""
    theme: str | None = None
    kind: Kind | None = None
    source: Source | None = None
    since: datetime | None = None
    before: datetime | None = None
    spoken: bool | None = None  # a voice note, or typed
    flagged: bool | None = None


@dataclass(frozen=True, slots=True)
class ListedComment:
    comment_id: int
    project_id: int
    text: str | None  # with names kept out (storage.models.quoted_words)
    spoken: str | None  # a voice note's words, heard well; None when unsure
    voice_seconds: int | None
    kind: Kind
    source: Source
    flagged: bool
    created_at: datetime
    pseudonym: str | None
    place: str | None
    themes: dict[str, bool] | None


def _themes() -> ColumnElement[dict[str, bool] | None]:
    """Staff's own themes win over the ones read from the words."""
    return func.coalesce(Comment.staff_themes, Comment.themes)


def _conditions(project_ids: Sequence[int], wanted: CommentFilter) -> list[ColumnElement[bool]]:
    # "Thanks", "no, that's all": kept, but never quoted (as in the digest).
    said_something = or_(Comment.reading.is_(None), Comment.reading != Reading.NOT_FEEDBACK)
    where: list[ColumnElement[bool]] = [Comment.project_id.in_(project_ids), said_something]
    if wanted.words:
        like = f"%{wanted.words.lower()}%"
        where.append(
            or_(
                func.lower(quoted_words()).like(like),
                func.lower(func.coalesce(heard_well(), "")).like(like),
            )
        )
    if wanted.theme:
        chosen = case(
            (Comment.staff_themes.is_not(None), Comment.staff_themes[wanted.theme].as_boolean()),
            else_=Comment.themes[wanted.theme].as_boolean(),
        )
        where.append(chosen.is_not(None))
    if wanted.kind is not None:
        where.append(Comment.kind == wanted.kind)
    if wanted.source is not None:
        where.append(Comment.source == wanted.source)
    if wanted.since is not None:
        where.append(Comment.created_at >= wanted.since)
    if wanted.before is not None:
        where.append(Comment.created_at < wanted.before)
    if wanted.spoken is not None:
        voice = Comment.voice_file_id.is_not(None)
        where.append(voice if wanted.spoken else Comment.voice_file_id.is_(None))
    if wanted.flagged is not None:
        where.append(Comment.flagged == wanted.flagged)
    return where


async def search(
    session: AsyncSession,
    project_ids: Sequence[int],
    wanted: CommentFilter,
    limit: int,
    offset: int,
) -> list[ListedComment]:
    """One page of a project's comments, newest first."""
    rows = await session.execute(
        select(
            Comment.id,
            Comment.project_id,
            quoted_words(),
            heard_well(),
            Comment.voice_seconds,
            Comment.kind,
            Comment.source,
            Comment.flagged,
            Comment.created_at,
            Person.pseudonym,
            GroupSession.place,
            _themes(),
        )
        .outerjoin(Person, Person.id == Comment.person_id)
        .outerjoin(GroupSession, GroupSession.id == Comment.group_session_id)
        .where(*_conditions(project_ids, wanted))
        .order_by(Comment.created_at.desc(), Comment.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return [ListedComment(*row) for row in rows.tuples()]
