"""The quarterly learning report's contents, read in one transaction: the funder's numbers, the
charts' figures, "you said, we did" and a few quotes with names kept out (the stored quoted
form). A programme-wide report keeps only the numbers, with counts under 5 hidden."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot import charts
from bot.reports.numbers import ReportNumbers, gather, utc_range
from storage.repositories import charts as chart_repo

MOST_ANSWERS = 4
QUOTES_PER_KIND = 2
LONGEST_QUOTE = 220  # characters: a longer comment is left for the spreadsheet


@dataclass(frozen=True, slots=True)
class LearningReport:
    scope: str  # the project's name, or "all projects"
    first: date
    last: date
    made: date
    numbers: ReportNumbers
    small_numbers: bool  # the programme's report: counts under 5 hidden, no charts or quotes
    charts: charts.ChartNumbers | None
    answers: tuple[chart_repo.Answer, ...]
    quotes: tuple[chart_repo.Quote, ...]


async def gather_learning(
    session: AsyncSession,
    project_ids: Sequence[int],
    scope: str,
    dates: tuple[date, date],
    tz: ZoneInfo,
    made: date,
    *,
    small_numbers: bool,
) -> LearningReport:
    first, last = dates
    start, end = utc_range(first, last, tz)
    numbers = await gather(session, project_ids, start, end)
    if small_numbers:
        return LearningReport(scope, first, last, made, numbers, True, None, (), ())
    figures = await charts.gather(session, project_ids, last, tz, first_day=first)
    answers = await chart_repo.answers(session, project_ids, start, end, MOST_ANSWERS)
    quotes = await chart_repo.quotes(
        session, project_ids, start, end, QUOTES_PER_KIND, LONGEST_QUOTE
    )
    return LearningReport(
        scope, first, last, made, numbers, False, figures, tuple(answers), tuple(quotes)
    )
