"""Each project's weekly tallies (storage.models.WeeklyTally): written when its digest is
planned, read by the next eleven weeks' charts and by the all-time figures, and kept up as
staff answer suggestions made in a week already tallied."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select, true, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Comment, Outcome, Response, WeeklyTally, is_suggestion
from storage.repositories.charts import ThemeTally, YouSaidWeDid
from storage.upsert import insert_ignoring_conflicts


@dataclass(frozen=True, slots=True)
class Tally:
    """One project's week: what its charts count (comments, themes, suggestions raised and
    what became of them), and the people its digest counted."""

    project_id: int
    first_day: date
    start: datetime
    end: datetime
    comments: int
    themes: tuple[ThemeTally, ...]
    replies: YouSaidWeDid
    people: int = 0
    before: int = 0  # suggestions since the previous tallied week (WeeklyTally.raised_before)


async def save(session: AsyncSession, tally: Tally) -> None:
    """Record the week's tally; a week already tallied keeps its row."""
    await session.execute(
        insert_ignoring_conflicts(
            session, WeeklyTally, project_id=tally.project_id, first_day=tally.first_day,
            week_start=tally.start, week_end=tally.end, comments=tally.comments,
            people=tally.people, themes={t.theme: [t.positive, t.negative] for t in tally.themes},
            raised=tally.replies.raised, answered=tally.replies.answered,
            changed=tally.replies.changed, raised_before=tally.before,
        )
    )  # fmt: skip


async def weeks(
    session: AsyncSession, project_ids: Sequence[int], starts: Sequence[datetime]
) -> dict[tuple[int, datetime], Tally]:
    """The tallies of these projects' weeks beginning at `starts`, by (project, start)."""
    if not starts:
        return {}
    # A range, so the index is sought on (project, start), not read for every week ever.
    rows = await session.scalars(
        select(WeeklyTally).where(
            WeeklyTally.project_id.in_(project_ids),
            WeeklyTally.week_start >= min(starts),
            WeeklyTally.week_start <= max(starts),
        )
    )
    wanted = set(starts)
    return {(r.project_id, r.week_start): _as_tally(r) for r in rows if r.week_start in wanted}


def _as_tally(row: WeeklyTally) -> Tally:
    themes = tuple(ThemeTally(theme, int(n[0]), int(n[1])) for theme, n in row.themes.items())
    replies = YouSaidWeDid(row.raised, row.answered, row.changed)
    return Tally(
        row.project_id, row.first_day, row.week_start, row.week_end, row.comments, themes,
        replies, row.people, row.raised_before,
    )  # fmt: skip


@dataclass(frozen=True, slots=True)
class Totals:
    """A project's tallies summed: every suggestion made before `end` (its last week's end)."""

    end: datetime
    raised: int


async def totals(
    session: AsyncSession, project_ids: Sequence[int], before: datetime | None = None
) -> dict[int, Totals]:
    """Each project's tallies of weeks beginning before `before` (all when None), summed: one
    row a week, so a year is 52 rows. Projects with no tally are left out."""
    rows = await session.execute(
        select(
            WeeklyTally.project_id,
            func.max(WeeklyTally.week_end),
            func.sum(WeeklyTally.raised + WeeklyTally.raised_before),
        )
        .where(
            WeeklyTally.project_id.in_(project_ids),
            true() if before is None else WeeklyTally.week_start < before,
        )
        .group_by(WeeklyTally.project_id)
    )
    return {int(p): Totals(end, int(raised)) for p, end, raised in rows.tuples()}


async def raised_since(
    session: AsyncSession, since: dict[int, datetime | None], until: datetime | None = None
) -> dict[int, int]:
    """Suggestions each project made from its `since` (from the start when None) to `until`
    (to now when None): projects sharing a bound are counted together, through the comments'
    (project, time) index, so this follows the weeks since, not the table."""
    together: dict[datetime | None, list[int]] = {}
    for project_id, start in since.items():
        together.setdefault(start, []).append(project_id)
    found: dict[int, int] = {}
    for start, ids in together.items():
        rows = await session.execute(
            select(Comment.project_id, func.count())
            .where(
                Comment.project_id.in_(ids),
                true() if start is None else Comment.created_at >= start,
                true() if until is None else Comment.created_at < until,
                is_suggestion(),
            )
            .group_by(Comment.project_id)
        )
        found.update({p: int(n) for p, n in rows.tuples() if p is not None})
    return found


async def answered(session: AsyncSession, response_id: int, comment_ids: Sequence[int]) -> None:
    """Staff answered these comments: count the suggestions among them in their weeks' tallies
    (a week not tallied yet counts them when it is)."""
    outcome = await session.scalar(select(Response.outcome).where(Response.id == response_id))
    await _move(session, comment_ids, 1, 1 if outcome is Outcome.CHANGED else 0)


async def outcome_moved(
    session: AsyncSession, response_id: int, was: Outcome, now: Outcome
) -> None:
    """A reply's outcome was changed: its suggestions count as changed, or no longer."""
    changed = int(now is Outcome.CHANGED) - int(was is Outcome.CHANGED)
    if changed:
        ids = await session.scalars(select(Comment.id).where(Comment.response_id == response_id))
        await _move(session, list(ids), 0, changed)


async def _move(
    session: AsyncSession, comment_ids: Sequence[int], answered: int, changed: int
) -> None:
    rows = await session.execute(
        select(Comment.project_id, Comment.created_at).where(
            Comment.id.in_(comment_ids), Comment.project_id.is_not(None), is_suggestion()
        )
    )
    for project_id, created_at in rows.tuples():
        await session.execute(
            update(WeeklyTally)
            .where(
                WeeklyTally.project_id == project_id,
                WeeklyTally.week_start <= created_at,
                WeeklyTally.week_end > created_at,
            )
            .values(answered=WeeklyTally.answered + answered, changed=WeeklyTally.changed + changed)
        )
