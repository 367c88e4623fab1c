"""Planning weekly digests from the ledger, so each (scope, week) is planned exactly once.

Planning reads and renders first, in a read-only transaction (on SQLite it takes no write lock,
so incoming messages never wait for a big build), then writes each digest in its own short
transaction: the ledger row and every outbox message together. If two planners race, the
ledger's unique key lets one win and the other plan nothing.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot import charts, delivery
from bot.core import Deps, Document, Period, Photo, Reply, Say, latest_due
from bot.digests.building import Built, charts_of, render_programme_from, render_project
from bot.digests.programme_parts import Glance, Phrases, glance
from bot.digests.reading import PROJECTS_PER_READ, collective, project_weeks
from bot.digests.week import ProjectWeek
from storage.db import Database
from storage.models import Channel, Project, Role
from storage.repositories import digests, tallies
from storage.repositories.tallies import Tally

log = logging.getLogger(__name__)
PROGRAMME_SCOPE = "programme"
PROGRAMME_WEEKDAY, PROGRAMME_TIME = 0, "09:00"
DIGEST_PRIORITY = 100


@dataclass(frozen=True, slots=True)
class Due:
    """A digest whose time has come: a project's (project set) or the programme's."""

    scope: str
    project: Project | None
    period: Period


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
    """Read and render every due digest not yet in the ledger; writes nothing.

    Each period's projects are read a few at a time, and each project's digest is written as
    soon as its few are read; the programme's digest keeps only a glance of each week and the
    phrases counted, so memory follows a few projects' weeks, not the programme's.
    """
    async with db.reading() as session:
        projects = list(await digests.all_projects(session))
        due = due_digests(deps, projects, now)
        if not due:
            return []
        done = await digests.planned_since(session, min(d.period.start for d in due))
        due = [d for d in due if (d.scope, d.period.start) not in done]
        periods = list(dict.fromkeys(d.period for d in due))
        made: dict[tuple[str, Period], Built] = {}
        for period in periods:
            mine = [d for d in due if d.period == period]
            programme = next((d for d in mine if d.project is None), None)
            own = {d.project.id: d for d in mine if d.project is not None}
            # The programme lists every project in order; else only those with a digest due.
            among = projects if programme else [d.project for d in mine if d.project]
            glances: list[Glance] = []
            phrases = Phrases()
            for first in range(0, len(among), PROJECTS_PER_READ):
                chunk = [p for p in among[first : first + PROJECTS_PER_READ] if p is not None]
                weeks = await project_weeks(session, chunk, period)
                # Only a project's own digest has charts: the programme's hides small
                # numbers, and a bar cannot say "fewer than 5".
                figures = await charts_of(
                    session, deps, [(p, period) for p in chunk if p.id in own]
                )
                for project in chunk:
                    week = weeks.pop(project.id)
                    if project.id in own:
                        made[(own[project.id].scope, period)] = await _render(
                            deps, project, week, period, figures[project.id]
                        )
                    if programme:
                        glances.append(glance(week))
                        await asyncio.to_thread(phrases.add, week, deps.words.stopwords)
            if programme:
                asked = await collective(session, period)
                made[(programme.scope, period)] = await asyncio.to_thread(
                    render_programme_from, deps, glances, phrases, period, asked
                )
    return [(d, made[(d.scope, d.period)]) for d in due]


async def _render(
    deps: Deps,
    project: Project,
    week: ProjectWeek,
    period: Period,
    figures: tuple[charts.ChartNumbers, Tally],
) -> Built:
    numbers, tally = figures
    tz = deps.project_timezone(project)
    made = await asyncio.to_thread(render_project, deps, week, period, tz, numbers)
    return replace(made, tally=replace(tally, people=made.people))


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
            if built.tally is not None:  # with the claim, so a week is tallied exactly once
                await tallies.save(session, built.tally)
            role = Role.STAFF if due.project else Role.PROGRAMME
            name = due.project.name if due.project else None
            await _deliver(
                session, digest_id, due.scope, built, role, project_id, name, due.period, now
            )
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
    name: str | None,
    period: Period,
    now: datetime,
) -> None:
    """Queue the digest for every recipient: one outbox row per message, each with its own key."""
    people = await digests.recipients(session, role, project_id)
    week = period.first_day.isoformat()
    # Each part of the text is fixed when planned, so it is queued as HTML; the CSV as a file.
    replies = [(f"part:{n}", Reply((), html=(text,))) for n, text in enumerate(built.parts, 1)]
    files: tuple[Document, ...] = ()
    # Each chart as a picture, its text alternative as the caption (read out by screen readers).
    replies += [(f"chart:{c.name}", Reply((), photo=Photo(c.png, c.alt))) for c in built.charts]
    if built.csv is not None:
        files = (Document(Say("digest.csv_file", {"week": week}), content=built.csv),)
        replies.append(("csv", Reply((), documents=files)))
    # By email it is one message: every part, with the spreadsheet attached.
    subject = _subject(name, period)
    # The first chart (comments each week) goes inline, its text alternative as the alt text.
    inline = Photo(built.charts[0].png, built.charts[0].alt) if built.charts else None
    emailed = Reply((), html=tuple(built.parts), documents=files, subject=subject, photo=inline)
    for person in people:
        channels = delivery.channels_for(person)
        by_channel = [(Channel.TELEGRAM, s, r) for s, r in replies if Channel.TELEGRAM in channels]
        if Channel.EMAIL in channels:
            by_channel.append((Channel.EMAIL, "email", emailed))
        for channel, suffix, reply in by_channel:
            await delivery.enqueue(
                session, key=f"digest:{scope}:{week}:to:{person.person_id}:{suffix}",
                kind="digest", chat_id=person.chat_id, person_id=person.person_id, reply=reply,
                priority=DIGEST_PRIORITY, now=now, channel=channel,
            )  # fmt: skip
    await digests.record_counts(session, digest_id, built.comments, built.people, len(people))


def _subject(project_name: str | None, period: Period) -> Say:
    """An emailed digest's subject: whose week it is, and which."""
    week = f"{period.first_day:%-d %B %Y}"
    if project_name is None:
        return Say("mail.subject.programme_digest", {"week": week})
    return Say("mail.subject.digest", {"project": project_name, "week": week})
