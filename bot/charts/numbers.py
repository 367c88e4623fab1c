"""The figures the charts draw, read from storage as plain data."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from storage.repositories import charts as repo
from storage.repositories.charts import ThemeTally, YouSaidWeDid

WEEKS = 12
MOST_THEMES = 6  # more bars than this stop being readable on a phone


@dataclass(frozen=True, slots=True)
class WeekCount:
    first_day: date  # the local day the week begins
    comments: int


@dataclass(frozen=True, slots=True)
class ChartNumbers:
    """What the three charts show: comments per week over the 12 weeks to `last_day`; and
    themes and "you said, we did" from `first_day` to `last_day` (both included)."""

    first_day: date
    last_day: date
    weeks: tuple[WeekCount, ...]
    themes: tuple[ThemeTally, ...]  # most talked about first, at most MOST_THEMES
    replies: YouSaidWeDid


def midnight(day: date, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=tz).astimezone(UTC)


async def gather(
    session: AsyncSession,
    project_ids: Sequence[int],
    last_day: date,
    tz: ZoneInfo,
    first_day: date | None = None,
) -> ChartNumbers:
    """The figures up to `last_day` (included), in the projects' time zone; themes and replies
    from `first_day`, or over the same 12 weeks when it is not given."""
    end_day = last_day + timedelta(days=1)
    starts = [end_day - timedelta(weeks=WEEKS - n) for n in range(WEEKS)]
    bounds = [midnight(day, tz) for day in [*starts, end_day]]
    counts = await repo.comments_per_week(session, project_ids, bounds)
    first = first_day or starts[0]
    start, end = midnight(first, tz), bounds[-1]
    themes = await repo.theme_tallies(session, project_ids, start, end)
    replies = await repo.you_said_we_did(session, project_ids, start, end)
    weeks = tuple(WeekCount(day, n) for day, n in zip(starts, counts, strict=True))
    return ChartNumbers(first, last_day, weeks, tuple(themes[:MOST_THEMES]), replies)


async def gather_each(
    session: AsyncSession, project_ids: Sequence[int], last_day: date, tz: ZoneInfo
) -> dict[int, ChartNumbers]:
    """`gather` for each of the projects on its own (all in `tz`), in three reads in all."""
    end_day = last_day + timedelta(days=1)
    starts = [end_day - timedelta(weeks=WEEKS - n) for n in range(WEEKS)]
    bounds = [midnight(day, tz) for day in [*starts, end_day]]
    counts, themes, replies = await repo.per_project(session, project_ids, bounds)
    none, nothing = [0] * WEEKS, YouSaidWeDid(0, 0, 0)
    return {
        project_id: ChartNumbers(
            starts[0],
            last_day,
            tuple(
                WeekCount(d, n) for d, n in zip(starts, counts.get(project_id, none), strict=True)
            ),
            tuple(themes.get(project_id, [])[:MOST_THEMES]),
            replies.get(project_id, nothing),
        )
        for project_id in project_ids
    }
