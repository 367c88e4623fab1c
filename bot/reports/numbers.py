"""The numbers a funder asks for, without a form: /report for staff, and its renderings.

Staff see their own projects' exact numbers; the programme team see every project together,
with counts under 5 shown as "fewer than 5" (as in the programme digest).
"""

from __future__ import annotations

import csv
import io
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import split_message
from bot.digests import day_text, safe_cell, small
from bot.reports.pairs import Pair, pair_lines, you_said_we_did
from prompts import Prompts
from storage.repositories import report as repo

LEVELS = ("individual", "group", "collective")
COUNTS = ("people", "sessions", "reached", "suggestions", "replies", "answered", "changes")
PER_PROJECT = ("comments", "people", "sessions", "suggestions", "replies", "changes")


@dataclass(frozen=True, slots=True)
class Figures:
    individual: int = 0
    group: int = 0
    collective: int = 0
    people: int = 0
    sessions: int = 0
    reached: int = 0  # the sum of the groups' headcounts
    suggestions: int = 0
    replies: int = 0
    answered: int = 0
    changes: int = 0
    median_days: float | None = None  # None: no replies yet

    @property
    def comments(self) -> int:
        return self.individual + self.group + self.collective


@dataclass(frozen=True, slots=True)
class ProjectFigures:
    name: str
    figures: Figures


@dataclass(frozen=True, slots=True)
class ReportNumbers:
    total: Figures
    projects: tuple[ProjectFigures, ...]  # one per project, by name
    sessions: tuple[repo.SessionRow, ...]
    pairs: tuple[Pair, ...] = ()  # "you said, we did"


async def gather(
    session: AsyncSession, project_ids: Sequence[int], start: datetime, end: datetime
) -> ReportNumbers:
    """Every figure for the projects over [start, end), in total and per project."""
    names = await repo.project_names(session, project_ids)
    levels = await repo.comments_by_level(session, project_ids, start, end)
    took_part = await repo.people(session, project_ids, start, end)
    groups = await repo.sessions(session, project_ids, start, end)
    replies = await repo.replies(session, project_ids, start, end)
    pairs = await repo.answered_pairs(session, project_ids, start, end)

    def figures(people_count: int, only: int | None) -> Figures:
        def keep(project_id: int) -> bool:
            return only is None or project_id == only

        counts = {level: 0 for level in LEVELS}
        for row in (r for r in levels if keep(r.project_id)):
            counts[row.level.value] += row.comments
        held = [g for g in groups if keep(g.project_id)]
        sent = [r for r in replies if keep(r.project_id)]
        waits = [
            (p.replied_at - p.said_at) / timedelta(days=1) for p in pairs if keep(p.project_id)
        ]
        return Figures(
            **counts,
            people=people_count,
            sessions=len(held),
            reached=sum(g.headcount for g in held),
            suggestions=sum(r.suggestions for r in levels if keep(r.project_id)),
            replies=sum(r.replies for r in sent),
            answered=sum(r.answered for r in sent),
            changes=sum(r.changes for r in sent),
            median_days=round(statistics.median(waits), 1) if waits else None,
        )

    per_project = tuple(
        ProjectFigures(name, figures(took_part.by_project.get(pid, 0), pid)) for pid, name in names
    )
    said_did = await you_said_we_did(session, project_ids, start, end)
    return ReportNumbers(figures(took_part.total, None), per_project, tuple(groups), said_did)


# --- rendering: one layout, drawn as Telegram HTML, as Markdown, or as a spreadsheet ----------


def render_text(
    prompts: Prompts, numbers: ReportNumbers, scope_title: str, first: date, last: date, *,
    small_numbers: bool,
) -> list[str]:  # fmt: skip
    """Telegram HTML messages; names and places go in as escaped parameters."""
    text = "\n".join(_lines(prompts, numbers, scope_title, (first, last), small_numbers, html=True))
    return [part.strip() for part in split_message(text) if part.strip()]


def render_markdown(
    prompts: Prompts, numbers: ReportNumbers, scope_title: str, first: date, last: date, *,
    small_numbers: bool,
) -> str:  # fmt: skip
    """Plain Markdown, for the terminal or a file."""
    lines = _lines(prompts, numbers, scope_title, (first, last), small_numbers, html=False)
    return "\n".join(lines) + "\n"


def _lines(
    prompts: Prompts,
    numbers: ReportNumbers,
    scope: str,
    dates: tuple[date, date],
    small_numbers: bool,
    *,
    html: bool,
) -> list[str]:
    """The report line by line: HTML escapes every parameter, Markdown takes them as they are."""
    fill = prompts.text if html else prompts.plain
    bold = "<b>{}</b>" if html else "**{}**"
    show = _shower(prompts, small_numbers)
    first, last = (day_text(prompts, d) for d in dates)
    lines = [bold.format(fill("report.title", scope=scope))]
    lines += [fill("report.dates", first=first, last=last), ""]
    for name, label, value in _figure_rows(prompts, numbers.total, show):
        key = "report.level_line" if name in LEVELS else "report.line"
        lines.append(fill(key, label=label, value=value))
    several = len(numbers.projects) > 1
    if several:
        lines += ["", bold.format(fill("report.projects"))]
        for project in numbers.projects:
            counts = {name: show(getattr(project.figures, name)) for name in PER_PROJECT}
            lines.append(bold.format(fill("report.project", project=project.name)))
            lines.append(fill("report.project_line", **counts))
    if numbers.sessions:
        lines += ["", bold.format(fill("report.sessions"))]
        for group in numbers.sessions:
            where: dict[str, Any] = {"place": group.place, "date": day_text(prompts, group.held_on)}
            where["people"] = group.band or group.headcount
            if several:
                lines.append(fill("report.session_line_project", project=group.project, **where))
            else:
                lines.append(fill("report.session_line", **where))
    lines += pair_lines(prompts, numbers.pairs, small_numbers, html=html)
    if small_numbers:
        lines += ["", fill("report.small_note")]
    return lines


def render_csv(
    prompts: Prompts, numbers: ReportNumbers, scope_title: str, first: date, last: date, *,
    small_numbers: bool,
) -> str:  # fmt: skip
    """Two columns (figure, value), then a table per project and one of the groups."""
    show = _shower(prompts, small_numbers)

    def word(key: str) -> str:
        return prompts.plain(f"report.csv.{key}")

    rows: list[list[str]] = [[word("figure"), word("value")], [word("scope"), scope_title]]
    rows += [[word("first"), first.isoformat()], [word("last"), last.isoformat()]]
    rows += [[label, value] for _, label, value in _figure_rows(prompts, numbers.total, show)]
    if len(numbers.projects) > 1:
        labels = [prompts.plain(f"report.figure.{name}") for name in PER_PROJECT]
        rows += [[], [word("project"), *labels]]
        rows += [
            [p.name, *(show(getattr(p.figures, name)) for name in PER_PROJECT)]
            for p in numbers.projects
        ]
    if numbers.sessions:
        rows += [[], [word("place"), word("date"), word("people"), word("project")]]
        rows += [
            [s.place, s.held_on.isoformat(), s.band or str(s.headcount), s.project]
            for s in numbers.sessions
        ]
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows([[safe_cell(c) for c in row] for row in rows])
    return out.getvalue()


def _figure_rows(
    prompts: Prompts, figures: Figures, show: Callable[[int], str]
) -> list[tuple[str, str, str]]:
    """(name, label, value) for every figure, in the order they are read."""
    rows = [(name, show(getattr(figures, name))) for name in ("comments", *LEVELS, *COUNTS)]
    median = figures.median_days
    wait = prompts.plain("report.no_replies")
    if median is not None:
        wait = prompts.plain("report.days", days=f"{median:.1f}")
    return [(n, prompts.plain(f"report.figure.{n}"), v) for n, v in [*rows, ("median", wait)]]


def _shower(prompts: Prompts, small_numbers: bool) -> Callable[[int], str]:
    return (lambda n: small(prompts, n)) if small_numbers else str


def utc_range(first: date, last: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """Local days `first` to `last` (both included) as a UTC [start, end)."""
    start = datetime.combine(first, time(0), tzinfo=tz).astimezone(UTC)
    end = datetime.combine(last + timedelta(days=1), time(0), tzinfo=tz).astimezone(UTC)
    return start, end
