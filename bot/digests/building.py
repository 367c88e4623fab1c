"""Writing a week's digest: the messages and the spreadsheet, rendered from plain data.

Rendering is plain CPU work over plain data, so it runs in a worker thread: the event loop
keeps answering people while a big digest is written.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot import charts
from bot.core import Deps, Period
from bot.digests.programme_digest import programme_from
from bot.digests.programme_parts import Glance, Phrases, glance
from bot.digests.project_digest import project_digest
from bot.digests.reading import PROJECTS_PER_READ, collective, project_weeks
from bot.digests.spreadsheet import comments_csv
from bot.digests.week import ProjectWeek, QuestionAnswers
from storage.models import Project
from storage.repositories.tallies import Tally


@dataclass(frozen=True, slots=True)
class Built:
    parts: list[str]
    csv: str | None
    comments: int
    people: int
    charts: tuple[charts.Chart, ...] = ()  # sent as pictures after the words
    tally: Tally | None = None  # the week's counts, kept for the next weeks' charts


def render_project(
    deps: Deps,
    week: ProjectWeek,
    period: Period,
    tz: ZoneInfo,
    numbers: charts.ChartNumbers | None = None,
) -> Built:
    stop, themes = deps.words.stopwords, deps.words.themes.cues.topics
    parts = project_digest(deps.prompts, week, period.first_day, period.end_day, stop, themes)
    csv = comments_csv(week.comments, tz, deps.prompts) if week.comments else None
    people = len({c.pseudonym for c in week.comments if c.pseudonym})
    drawn = charts.draw_all(deps.prompts, numbers) if numbers is not None else ()
    return Built(parts, csv, len(week.comments), people, drawn)


async def chart_numbers(
    session: AsyncSession, deps: Deps, project: Project, period: Period
) -> charts.ChartNumbers:
    """The figures for a project digest's charts: the 12 weeks up to the digest's week's end."""
    last_day = period.end_day - timedelta(days=1)
    return await charts.gather(session, [project.id], last_day, deps.project_timezone(project))


async def charts_of(
    session: AsyncSession, deps: Deps, due: Sequence[tuple[Project, Period]]
) -> dict[int, tuple[charts.ChartNumbers, Tally]]:
    """`chart_numbers` of each project's digest, and its week's tally, by project id: a few
    projects at a time (those sharing a week and a time zone), the past weeks from their
    tallies and this week from the comments."""
    together: dict[tuple[Period, ZoneInfo], list[int]] = {}
    for project, period in due:
        together.setdefault((period, deps.project_timezone(project)), []).append(project.id)
    found: dict[int, tuple[charts.ChartNumbers, Tally]] = {}
    for (period, tz), ids in together.items():
        last_day = period.end_day - timedelta(days=1)
        for first in range(0, len(ids), PROJECTS_PER_READ):
            chunk = ids[first : first + PROJECTS_PER_READ]
            found.update(await charts.gather_tallied(session, chunk, last_day, tz))
    return found


def render_programme_from(
    deps: Deps,
    glances: Sequence[Glance],
    phrases: Phrases,
    period: Period,
    asked: list[QuestionAnswers],
) -> Built:
    """The programme's digest from what the weekly build kept of each week."""
    stop = deps.words.stopwords
    parts = programme_from(deps.prompts, glances, phrases, period.first_day, stop, asked)
    return Built(parts, None, sum(g.comments for g in glances), len(phrases.people))


def render_programme(
    deps: Deps, weeks: Sequence[ProjectWeek], period: Period, asked: list[QuestionAnswers]
) -> Built:
    """The programme's digest from whole weeks in hand (a preview): kept as the build keeps it."""
    phrases = Phrases()
    for week in weeks:
        phrases.add(week, deps.words.stopwords)
    return render_programme_from(deps, [glance(w) for w in weeks], phrases, period, asked)


async def build_project(
    session: AsyncSession, deps: Deps, project: Project, period: Period, *, drawn: bool = False
) -> Built:
    """The project's digest for `period`; with its charts (as the weekly digest sends them) when
    `drawn`."""
    week = (await project_weeks(session, [project], period))[project.id]
    tz = deps.project_timezone(project)
    numbers = await chart_numbers(session, deps, project, period) if drawn else None
    return await asyncio.to_thread(render_project, deps, week, period, tz, numbers)


async def build_programme(
    session: AsyncSession, deps: Deps, projects: list[Project], period: Period
) -> Built:
    weeks = await project_weeks(session, projects, period)
    asked = await collective(session, period)
    ordered = [weeks[p.id] for p in projects]
    return await asyncio.to_thread(render_programme, deps, ordered, period, asked)
