"""Planning weekly digests from the ledger, so each (scope, week) is planned exactly once.

Planning reads and renders first, in a read-only transaction (on SQLite it takes no write lock,
so incoming messages never wait for a big build), then writes each digest in its own short
transaction: the ledger row and every outbox message together. If two planners race, the
ledger's unique key lets one win and the other plan nothing.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import Deps, Period, latest_due
from bot.digests.content import (
    DigestComment,
    GroupSessionLine,
    ProjectWeek,
    QuestionAnswers,
    ReplyLine,
    programme_digest,
    project_digest,
)
from bot.digests.spreadsheet import comments_csv
from storage.db import Database
from storage.models import Project, Role
from storage.repositories import digests, flags, outbox, responses, sessions

log = logging.getLogger(__name__)
PROGRAMME_SCOPE = "programme"
PROGRAMME_WEEKDAY, PROGRAMME_TIME = 0, "09:00"
DIGEST_PRIORITY = 100
# Projects read together: few queries for a big programme, yet each answer small enough
# that turning its rows into objects never holds the event loop for long.
PROJECTS_PER_READ = 20
ROWS_PER_TURN = 1000
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Built:
    parts: list[str]
    csv: str | None
    comments: int
    people: int


@dataclass(frozen=True, slots=True)
class Due:
    """A digest whose time has come: a project's (project set) or the programme's."""

    scope: str
    project: Project | None
    period: Period


def as_digest_comment(row: digests.CommentRow, project: str) -> DigestComment:
    return DigestComment(
        created_at=row.created_at,
        pseudonym=row.pseudonym,
        kind=row.kind.value,
        text=row.text,
        voice_seconds=row.voice_seconds,
        question_key=row.question_key,
        project=project,
        place=row.place,
        agreement=row.agreement.value if row.agreement else None,
    )


async def project_weeks(
    session: AsyncSession, projects: Sequence[Project], period: Period
) -> dict[int, ProjectWeek]:
    """Each project's week, read a few projects at a time with one query per kind of fact."""
    weeks: dict[int, ProjectWeek] = {}
    for first in range(0, len(projects), PROJECTS_PER_READ):
        chunk = projects[first : first + PROJECTS_PER_READ]
        ids = [project.id for project in chunk]
        start, end = period.start, period.end
        rows = await digests.comments_between(session, ids, start, end)
        said = _by_project(rows, lambda row: row.project_id)
        figures = await responses.figures(session, ids)
        found = await sessions.sessions_between(session, ids, start, end)
        groups = _by_project(found, lambda pair: pair[0].project_id)
        replied = await responses.replies_between(session, ids, start, end)
        sent = _by_project(replied, lambda pair: pair[0].project_id)
        followups = await flags.count_between(session, ids, start, end)
        for project in chunk:
            known = figures[project.id]
            oldest = known.oldest_waiting
            weeks[project.id] = ProjectWeek(
                project.name,
                project.partner.name,
                await _as_digest_comments(said.get(project.id, []), project.name),
                known.waiting,
                [
                    GroupSessionLine(g.place, g.held_on, g.headcount, g.headcount_band, notes)
                    for g, notes in groups.get(project.id, [])
                ],
                replies=[
                    ReplyLine(r.outcome.value, r.text, n) for r, n in sent.get(project.id, [])
                ],
                oldest_waiting_days=(end - oldest).days if oldest else None,
                suggestions_total=known.suggestions,
                answered_total=known.answered,
                changes_total=known.changes,
                followups=followups.get(project.id, 0),
            )
    return weeks


async def _as_digest_comments(
    rows: Sequence[digests.CommentRow], project: str
) -> list[DigestComment]:
    """The rows as the digest's comments, giving the event loop a turn every so often: a big
    project's week is tens of thousands of rows, and people's messages must not wait for it."""
    comments: list[DigestComment] = []
    for first in range(0, len(rows), ROWS_PER_TURN):
        comments += [as_digest_comment(row, project) for row in rows[first : first + ROWS_PER_TURN]]
        await asyncio.sleep(0)
    return comments


def _by_project(rows: Iterable[T], project_of: Callable[[T], int | None]) -> dict[int, list[T]]:
    grouped: dict[int, list[T]] = {}
    for row in rows:
        project_id = project_of(row)
        if project_id is not None:
            grouped.setdefault(project_id, []).append(row)
    return grouped


async def collective(session: AsyncSession, period: Period) -> list[QuestionAnswers]:
    found = await digests.collective_answers(session, period.start, period.end)
    return [QuestionAnswers(question, answers) for question, answers in found]


# Rendering is plain CPU work over plain data, so it runs in a worker thread: the event loop
# keeps answering people while a big digest is written.


def render_project(deps: Deps, week: ProjectWeek, period: Period, tz: ZoneInfo) -> Built:
    stop = deps.words.stopwords
    parts = project_digest(deps.prompts, week, period.first_day, period.end_day, stop)
    csv = comments_csv(week.comments, tz, deps.prompts) if week.comments else None
    people = len({c.pseudonym for c in week.comments if c.pseudonym})
    return Built(parts, csv, len(week.comments), people)


def render_programme(
    deps: Deps, weeks: Sequence[ProjectWeek], period: Period, asked: list[QuestionAnswers]
) -> Built:
    stop = deps.words.stopwords
    parts = programme_digest(deps.prompts, weeks, period.first_day, period.end_day, stop, asked)
    comments = sum(len(w.comments) for w in weeks)
    people = len({c.pseudonym for w in weeks for c in w.comments if c.pseudonym})
    return Built(parts, None, comments, people)


async def build_project(
    session: AsyncSession, deps: Deps, project: Project, period: Period
) -> Built:
    week = (await project_weeks(session, [project], period))[project.id]
    tz = deps.project_timezone(project)
    return await asyncio.to_thread(render_project, deps, week, period, tz)


async def build_programme(
    session: AsyncSession, deps: Deps, projects: list[Project], period: Period
) -> Built:
    weeks = await project_weeks(session, projects, period)
    asked = await collective(session, period)
    ordered = [weeks[p.id] for p in projects]
    return await asyncio.to_thread(render_programme, deps, ordered, period, asked)


def due_digests(deps: Deps, projects: Sequence[Project], now: datetime) -> list[Due]:
    """Every digest whose latest time has passed, whether or not it is planned yet."""
    due: list[Due] = []
    for project in projects:
        tz = deps.project_timezone(project)
        period = latest_due(now, project.digest_weekday, project.digest_time, tz)
        if period.due_at >= project.created_at:  # else the project did not exist yet
            due.append(Due(f"project:{project.id}", project, period))
    if projects:
        period = latest_due(now, PROGRAMME_WEEKDAY, PROGRAMME_TIME, deps.timezone)
        if period.due_at >= min(p.created_at for p in projects):
            due.append(Due(PROGRAMME_SCOPE, None, period))
    return due


async def build_due(db: Database, deps: Deps, now: datetime) -> list[tuple[Due, Built]]:
    """Read and render every due digest not yet in the ledger; writes nothing."""
    async with db.reading() as session:
        projects = list(await digests.all_projects(session))
        due = due_digests(deps, projects, now)
        if not due:
            return []
        done = await digests.planned_since(session, min(d.period.start for d in due))
        due = [d for d in due if (d.scope, d.period.start) not in done]
        # One read per period: projects sharing a digest time (most) are read together, and
        # the programme's week reuses theirs when it is the same week.
        wanted: dict[Period, list[Project]] = {}
        for d in due:
            wanted.setdefault(d.period, []).extend([d.project] if d.project else projects)
        weeks: dict[tuple[Period, int], ProjectWeek] = {}
        for period, among in wanted.items():
            unique = list({p.id: p for p in among}.values())
            for project_id, week in (await project_weeks(session, unique, period)).items():
                weeks[(period, project_id)] = week
        programme = [d for d in due if d.project is None]
        asked = await collective(session, programme[0].period) if programme else []
    built: list[tuple[Due, Built]] = []
    for d in due:
        if d.project is not None:
            week = weeks[(d.period, d.project.id)]
            tz = deps.project_timezone(d.project)
            made = await asyncio.to_thread(render_project, deps, week, d.period, tz)
        else:
            ordered = [weeks[(d.period, p.id)] for p in projects]
            made = await asyncio.to_thread(render_programme, deps, ordered, d.period, asked)
        built.append((d, made))
    return built


async def plan_due(db: Database, deps: Deps, now: datetime) -> list[str]:
    """Plan every digest whose time has passed and is not in the ledger yet; returns scopes."""
    planned: list[str] = []
    for due, built in await build_due(db, deps, now):
        async with db.transaction() as session:
            project_id = due.project.id if due.project else None
            digest_id = await digests.claim_period(
                session, scope=due.scope, project_id=project_id, start=due.period.start,
                end=due.period.end, now=now,
            )  # fmt: skip
            if digest_id is None:
                continue  # another planner got there first
            role = Role.STAFF if due.project else Role.PROGRAMME
            await _deliver(session, digest_id, due.scope, built, role, project_id, due.period, now)
        planned.append(due.scope)
    if planned:
        log.info("planned digests: %s", ", ".join(planned))
    return planned


async def _deliver(
    session: AsyncSession,
    digest_id: int,
    scope: str,
    built: Built,
    role: Role,
    project_id: int | None,
    period: Period,
    now: datetime,
) -> None:
    """Queue the digest for every recipient: one outbox row per message, each with its own key."""
    people = await digests.recipients(session, role, project_id)
    week = period.first_day.isoformat()
    for person in people:
        base = f"digest:{scope}:{week}:to:{person.person_id}"
        for number, text in enumerate(built.parts, start=1):
            await outbox.enqueue(
                session, key=f"{base}:part:{number}", kind="digest", chat_id=person.chat_id,
                person_id=person.person_id, text=text, priority=DIGEST_PRIORITY, now=now,
            )  # fmt: skip
        if built.csv is not None:
            await outbox.enqueue(
                session, key=f"{base}:csv", kind="digest", chat_id=person.chat_id,
                person_id=person.person_id, document_name=f"comments-{week}.csv",
                document=built.csv, priority=DIGEST_PRIORITY, now=now,
            )  # fmt: skip
    await digests.record_counts(session, digest_id, built.comments, built.people, len(people))
