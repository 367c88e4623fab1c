"""The weekly build's chart figures: eleven past weeks from their tallies, this week from the
comments (one week's read, which is also this week's tally). A past week with no tally (before
tallies existed, or a week whose digest was never planned) is counted from the comments."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.charts.numbers import MOST_THEMES, WEEKS, ChartNumbers, WeekCount, midnight
from storage.repositories import charts as repo
from storage.repositories import tallies
from storage.repositories.charts import ThemeTally, YouSaidWeDid
from storage.repositories.tallies import Tally

NOTHING = YouSaidWeDid(0, 0, 0)


async def gather_tallied(
    session: AsyncSession, project_ids: Sequence[int], last_day: date, tz: ZoneInfo
) -> dict[int, tuple[ChartNumbers, Tally]]:
    """`gather_each`'s figures, and each project's tally of the week ending on `last_day`."""
    end_day = last_day + timedelta(days=1)
    starts = [end_day - timedelta(weeks=WEEKS - n) for n in range(WEEKS)]
    bounds = [midnight(day, tz) for day in [*starts, end_day]]
    weeks: dict[int, list[Tally]] = {p: [] for p in project_ids}
    this_week = await repo.per_project(session, project_ids, bounds[-2:])
    _add(weeks, project_ids, starts[-1:], bounds[-2:], this_week)
    kept = await tallies.weeks(session, project_ids, bounds[:-2])
    # Projects missing the same run of past weeks are counted from the comments together.
    missing: dict[tuple[int, int], list[int]] = {}
    for project_id in project_ids:
        gaps = [
            n
            for n in range(WEEKS - 1)
            if (t := kept.get((project_id, bounds[n]))) is None or t.end != bounds[n + 1]
        ]
        if gaps:
            missing.setdefault((gaps[0], gaps[-1]), []).append(project_id)
        for n in range(WEEKS - 1):
            if not gaps or not gaps[0] <= n <= gaps[-1]:
                weeks[project_id].append(kept[(project_id, bounds[n])])
    for (first, last), ids in missing.items():
        span = bounds[first : last + 2]
        counted = await repo.per_project(session, ids, span)
        _add(weeks, ids, starts[first : last + 1], span, counted)
    before = await _raised_before(session, project_ids, bounds[-2])
    found: dict[int, tuple[ChartNumbers, Tally]] = {}
    for project_id, tallied in weeks.items():
        by_start = {t.start: t for t in tallied}
        this = replace(by_start[bounds[-2]], before=before.get(project_id, 0))
        counts = tuple(
            WeekCount(day, by_start[b].comments if b in by_start else 0)
            for day, b in zip(starts, bounds[:-1], strict=True)
        )
        numbers = ChartNumbers(
            starts[0], last_day, counts, _themes(tallied)[:MOST_THEMES], _replies(tallied)
        )
        found[project_id] = (numbers, this)
    return found


async def _raised_before(
    session: AsyncSession, project_ids: Sequence[int], start: datetime
) -> dict[int, int]:
    """Suggestions made after each project's last tallied week and before `start` (none when
    the week before was tallied, as it is week after week; all before, for a first tally)."""
    known = await tallies.totals(session, project_ids, before=start)
    since = {p: known[p].end if p in known else None for p in project_ids}
    gaps = {p: end for p, end in since.items() if end is None or end < start}
    return await tallies.raised_since(session, gaps, start) if gaps else {}


def _add(
    weeks: dict[int, list[Tally]],
    project_ids: Sequence[int],
    days: Sequence[date],
    bounds: Sequence[datetime],
    counted: tuple[dict[int, list[int]], dict[int, list[ThemeTally]], dict[int, YouSaidWeDid]],
) -> None:
    """The weeks read from the comments as tallies: each week's count; the span's themes and
    suggestions go on its first week (only their sum over the twelve weeks is drawn)."""
    counts, themes, replies = counted
    for project_id in project_ids:
        per_week = counts.get(project_id, [0] * len(days))
        for n, day in enumerate(days):
            first = n == 0
            weeks[project_id].append(
                Tally(
                    project_id,
                    day,
                    bounds[n],
                    bounds[n + 1],
                    per_week[n],
                    tuple(themes.get(project_id, [])) if first else (),
                    replies.get(project_id, NOTHING) if first else NOTHING,
                )
            )


def _themes(weeks: Sequence[Tally]) -> tuple[ThemeTally, ...]:
    counts: dict[str, list[int]] = {}
    for week in weeks:
        for t in week.themes:
            mine = counts.setdefault(t.theme, [0, 0])
            mine[0] += t.positive
            mine[1] += t.negative
    tallies_ = [ThemeTally(theme, pos, neg) for theme, (pos, neg) in counts.items()]
    return tuple(sorted(tallies_, key=lambda t: (-t.total, t.theme)))


def _replies(weeks: Sequence[Tally]) -> YouSaidWeDid:
    return YouSaidWeDid(
        sum(w.replies.raised for w in weeks),
        sum(w.replies.answered for w in weeks),
        sum(w.replies.changed for w in weeks),
    )
