"""Planning weekly digests from the ledger, so each (scope, week) is planned exactly once.

Planning writes the ledger row and every outbox message in one transaction: if two planners race,
the ledger's unique key lets one win and the other plan nothing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.deps import Deps
from bot.digest_content import (
    DigestComment,
    GroupSessionLine,
    ProjectWeek,
    QuestionAnswers,
    ReplyLine,
    programme_digest,
    project_digest,
)
from bot.digest_csv import comments_csv
from bot.schedule import Period, latest_due
from storage.models import Project, Role
from storage.repositories import digests, flags, outbox, responses, sessions

log = logging.getLogger(__name__)
PROGRAMME_SCOPE = "programme"
PROGRAMME_WEEKDAY, PROGRAMME_TIME = 0, "09:00"
DIGEST_PRIORITY = 100


@dataclass(frozen=True, slots=True)
class Built:
    parts: list[str]
    csv: str | None
    comments: int
    people: int


def project_timezone(deps: Deps, project: Project) -> ZoneInfo:
    return ZoneInfo(project.timezone) if project.timezone else deps.timezone


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


async def project_week(session: AsyncSession, project: Project, period: Period) -> ProjectWeek:
    rows = await digests.comments_between(session, [project.id], period.start, period.end)
    comments = [as_digest_comment(r, project.name) for r in rows]
    waiting, oldest = await responses.waiting_summary(session, project.id)
    found = await sessions.sessions_between(session, [project.id], period.start, period.end)
    groups = [
        GroupSessionLine(g.place, g.held_on, g.headcount, g.headcount_band, notes)
        for g, notes in found
    ]
    sent = await responses.replies_between(session, project.id, period.start, period.end)
    suggestions, answered, changes = await responses.totals(session, project.id)
    return ProjectWeek(
        project.name,
        project.partner.name,
        comments,
        waiting,
        groups,
        replies=[ReplyLine(r.outcome.value, r.text, n) for r, n in sent],
        oldest_waiting_days=(period.end - oldest).days if oldest else None,
        suggestions_total=suggestions,
        answered_total=answered,
        changes_total=changes,
        followups=await flags.count_between(session, project.id, period.start, period.end),
    )


async def build_project(
    session: AsyncSession, deps: Deps, project: Project, period: Period
) -> Built:
    week = await project_week(session, project, period)
    parts = project_digest(deps.prompts, week, period.first_day, period.end_day)
    tz = project_timezone(deps, project)
    csv = comments_csv(week.comments, tz, deps.prompts) if week.comments else None
    people = len({c.pseudonym for c in week.comments if c.pseudonym})
    return Built(parts, csv, len(week.comments), people)


async def build_programme(
    session: AsyncSession, deps: Deps, projects: list[Project], period: Period
) -> Built:
    weeks = [await project_week(session, p, period) for p in projects]
    asked = [
        QuestionAnswers(question, answers)
        for question, answers in await digests.collective_answers(session, period.start, period.end)
    ]
    parts = programme_digest(deps.prompts, weeks, period.first_day, period.end_day, asked)
    comments = sum(len(w.comments) for w in weeks)
    people = len({c.pseudonym for w in weeks for c in w.comments if c.pseudonym})
    return Built(parts, None, comments, people)


async def plan_due(session: AsyncSession, deps: Deps, now: datetime) -> list[str]:
    """Plan every digest whose time has passed and is not in the ledger yet; returns scopes."""
    planned: list[str] = []
    projects = list(await digests.all_projects(session))
    for project in projects:
        tz = project_timezone(deps, project)
        period = latest_due(now, project.digest_weekday, project.digest_time, tz)
        if period.due_at < project.created_at:
            continue  # the project did not exist yet when that digest was due
        scope = f"project:{project.id}"
        digest_id = await digests.claim_period(
            session, scope=scope, project_id=project.id, start=period.start, end=period.end, now=now
        )
        if digest_id is None:
            continue
        built = await build_project(session, deps, project, period)
        await _deliver(session, digest_id, scope, built, Role.STAFF, project.id, period, now)
        planned.append(scope)
    if projects:
        period = latest_due(now, PROGRAMME_WEEKDAY, PROGRAMME_TIME, deps.timezone)
        if period.due_at >= min(p.created_at for p in projects):
            digest_id = await digests.claim_period(
                session,
                scope=PROGRAMME_SCOPE,
                project_id=None,
                start=period.start,
                end=period.end,
                now=now,
            )
            if digest_id is not None:
                built = await build_programme(session, deps, projects, period)
                await _deliver(
                    session, digest_id, PROGRAMME_SCOPE, built, Role.PROGRAMME, None, period, now
                )
                planned.append(PROGRAMME_SCOPE)
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
