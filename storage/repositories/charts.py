"""The reads behind the charts and the printable report: comments per week, themes, and
"you said, we did" (suggestions raised, answered, and answered with a change).

Every function takes the projects and UTC times and returns plain data. Messages that sounded
like danger are never counted or quoted here (staff see those through /flagged).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, case, func, literal_column, select, true
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute
from sqlalchemy.sql.selectable import TableValuedAlias

from storage.models import Comment, Kind, Outcome, Response, is_suggestion, quoted_words
from storage.repositories.report import comments_in, count_where


async def comments_per_week(
    session: AsyncSession, project_ids: Sequence[int], bounds: Sequence[datetime]
) -> list[int]:
    """Comments in each [bounds[i], bounds[i+1]): one count per week, in one grouped read.

    The bounds are local midnights turned to UTC by the caller, so a week follows the
    project's clock (a week with a clock change is 167 or 169 hours long).
    """
    if len(bounds) < 2:
        return []
    columns = [
        count_where((Comment.created_at >= lo) & (Comment.created_at < hi))
        for lo, hi in itertools.pairwise(bounds)
    ]
    row = (await session.execute(select(*columns).where(
        *comments_in(project_ids, bounds[0], bounds[-1])
    ))).one()  # fmt: skip
    return [int(n) for n in row]


@dataclass(frozen=True, slots=True)
class ThemeTally:
    theme: str
    positive: int  # comments that were happy about it
    negative: int

    @property
    def total(self) -> int:
        return self.positive + self.negative


async def theme_tallies(
    session: AsyncSession, project_ids: Sequence[int], start: datetime, end: datetime
) -> list[ThemeTally]:
    """How many comments were happy and unhappy about each theme, most talked about first;
    staff's own themes win over those read from the words.

    Only the two JSON columns load: reading into JSON differs between SQLite and PostgreSQL,
    and a quarter of one programme's comments is a few thousand small maps at most.
    """
    rows = await session.execute(
        select(Comment.themes, Comment.staff_themes).where(*comments_in(project_ids, start, end))
    )
    counts: dict[str, list[int]] = {}
    for read, by_staff in rows.tuples():
        for theme, happy in (by_staff if by_staff is not None else read or {}).items():
            counts.setdefault(theme, [0, 0])[0 if happy else 1] += 1
    tallies = [ThemeTally(theme, pos, neg) for theme, (pos, neg) in counts.items()]
    return sorted(tallies, key=lambda t: (-t.total, t.theme))


@dataclass(frozen=True, slots=True)
class YouSaidWeDid:
    raised: int  # suggestions made in the period
    answered: int  # of those, answered by staff (so far)
    changed: int  # of those, answered "we've changed this"


async def you_said_we_did(
    session: AsyncSession, project_ids: Sequence[int], start: datetime, end: datetime
) -> YouSaidWeDid:
    """The suggestions made in [start, end), and what has become of them by now."""
    row = (await session.execute(_suggestions(project_ids, start, end))).one()
    return YouSaidWeDid(int(row[0]), int(row[1]), int(row[2]))


def _suggestions(
    project_ids: Sequence[int], start: datetime, end: datetime, *by: InstrumentedAttribute[Any]
) -> Select[Any]:
    """Suggestions made in [start, end): how many, answered, and changed; grouped `by`."""
    # The reply's outcome by primary key: a join had PostgreSQL hash every reply ever sent.
    outcome = select(Response.outcome).where(Response.id == Comment.response_id).scalar_subquery()
    return (
        select(
            *by,
            func.count(),
            count_where(Comment.response_id.is_not(None)),
            count_where(outcome == Outcome.CHANGED),
        )
        .select_from(Comment)
        .where(*comments_in(project_ids, start, end), is_suggestion())
        .group_by(*by)
    )


async def per_project(
    session: AsyncSession, project_ids: Sequence[int], bounds: Sequence[datetime]
) -> tuple[dict[int, list[int]], dict[int, list[ThemeTally]], dict[int, YouSaidWeDid]]:
    """For each project on its own, in three grouped reads (a weekly build's charts, many
    projects at a time): its comments per week, as `comments_per_week`; and over the whole
    span, its themes and its "you said, we did", as `theme_tallies` and `you_said_we_did`.
    Projects with nothing said are left out."""
    start, end = bounds[0], bounds[-1]
    columns = [
        count_where((Comment.created_at >= lo) & (Comment.created_at < hi))
        for lo, hi in itertools.pairwise(bounds)
    ]
    weeks = await session.execute(
        select(Comment.project_id, *columns)
        .where(*comments_in(project_ids, start, end))
        .group_by(Comment.project_id)
    )
    counts = {int(row[0]): [int(n) for n in row[1:]] for row in weeks if row[0] is not None}
    pairs = _theme_pairs(session)
    said = await session.execute(
        select(Comment.project_id, pairs.c.key, pairs.c.value, func.count())
        .select_from(Comment)
        .join(pairs, true())
        .where(*comments_in(project_ids, start, end))
        .group_by(Comment.project_id, pairs.c.key, pairs.c.value)
    )
    tallied: dict[int, dict[str, list[int]]] = {}
    for project_id, theme, happy, n in said.tuples():
        mine = tallied.setdefault(int(project_id), {}).setdefault(str(theme), [0, 0])
        mine[0 if happy in _HAPPY else 1] += int(n)
    themes = {
        project_id: sorted(
            (ThemeTally(theme, pos, neg) for theme, (pos, neg) in found.items()),
            key=lambda t: (-t.total, t.theme),
        )
        for project_id, found in tallied.items()
    }
    asked = await session.execute(_suggestions(project_ids, start, end, Comment.project_id))
    replies = {int(p): YouSaidWeDid(int(n), int(a), int(c)) for p, n, a, c in asked.tuples() if p}
    return counts, themes, replies


# A theme's "happy" as each database's JSON functions give it: 1 on SQLite, 'true' on PostgreSQL.
_HAPPY = frozenset({1, "1", "true"})


def _theme_pairs(session: AsyncSession) -> TableValuedAlias:
    """Each comment's themes as rows (theme, happy), staff's own where they set them, so they
    are counted in the database instead of each map being loaded (a quarter of a national
    programme is millions of comments). A column holding no map (SQL or JSON null) gives way to
    the other, as in `theme_tallies`."""
    postgresql = session.bind.dialect.name == "postgresql"
    kind_of = func.json_typeof if postgresql else func.json_type
    shown = case(
        (kind_of(Comment.staff_themes) == "object", Comment.staff_themes),
        (kind_of(Comment.themes) == "object", Comment.themes),
        else_=literal_column("'{}'"),
    )
    each = func.json_each_text if postgresql else func.json_each
    return each(shown).table_valued("key", "value")


@dataclass(frozen=True, slots=True)
class Answer:
    """One "we did": what staff said, and one of the suggestions it answered (names kept out)."""

    outcome: Outcome
    reply: str
    said: str | None  # None when the suggestion was a voice note or has been forgotten
    answered: int  # how many suggestions it answered


async def answers(
    session: AsyncSession, project_ids: Sequence[int], start: datetime, end: datetime, limit: int
) -> list[Answer]:
    """Replies first sent in [start, end), changes first, then the newest."""
    said = (
        select(
            Comment.response_id,
            func.min(quoted_words()).label("said"),
            func.count().label("answered"),
        )
        .where(Comment.response_id.is_not(None), Comment.flagged.is_(False))
        .group_by(Comment.response_id)
        .subquery()
    )
    changes_first = case((Response.outcome == Outcome.CHANGED, 0), else_=1)
    rows = await session.execute(
        select(Response.outcome, Response.text, said.c.said, said.c.answered)
        .outerjoin(said, said.c.response_id == Response.id)
        .where(
            Response.project_id.in_(project_ids),
            Response.created_at >= start,
            Response.created_at < end,
        )
        .order_by(changes_first, Response.created_at.desc(), Response.id.desc())
        .limit(limit)
    )
    return [Answer(o, text, s, int(n or 0)) for o, text, s, n in rows.tuples()]


@dataclass(frozen=True, slots=True)
class Quote:
    kind: Kind
    words: str  # the stored quoted form: names, addresses, phones and emails kept out


async def quotes(
    session: AsyncSession,
    project_ids: Sequence[int],
    start: datetime,
    end: datetime,
    per_kind: int,
    longest: int,
) -> list[Quote]:
    """A few typed comments of each kind (liked, change, idea), newest first, short enough to
    print whole. Voice notes are left out: a transcript may be unsure."""
    found: list[Quote] = []
    for kind in (Kind.LIKED, Kind.CHANGE, Kind.IDEA):
        words = quoted_words()
        rows = await session.scalars(
            select(words)
            .where(
                *comments_in(project_ids, start, end),
                Comment.kind == kind,
                Comment.text.is_not(None),
                Comment.voice_file_id.is_(None),
                func.length(words) <= longest,
            )
            .order_by(Comment.created_at.desc(), Comment.id.desc())
            .limit(per_kind)
        )
        found += [Quote(kind, text) for text in rows if text]
    return found
