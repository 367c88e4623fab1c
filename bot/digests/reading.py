"""A week's facts read from the database as plain data: each project's comments, groups,
replies and figures, and the answers to programme questions."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import Period
from bot.digests.week import (
    DigestComment,
    GroupSessionLine,
    ProjectWeek,
    QuestionAnswers,
    ReplyLine,
)
from storage.models import Project
from storage.repositories import digests, early_signs, flags, responses, sessions

# Projects read together: few queries for a big programme, yet each answer small enough
# that turning its rows into objects never holds the event loop for long.
PROJECTS_PER_READ = 20
ROWS_PER_TURN = 1000
T = TypeVar("T")


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
        spoken=row.spoken,
        reading=row.reading.value if row.reading else None,
        themes=tuple((theme, bool(happy)) for theme, happy in (row.themes or {}).items()),
        by_team=bool(row.by_team),
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
        calls = await early_signs.count_between(session, ids, start, end)
        before = await digests.comment_counts(session, ids, start - (end - start), start)
        joined = await digests.joined_between(session, ids, start, end)
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
                    ReplyLine(r.outcome.value, r.text, n, said, heard_at)
                    for r, n, said, heard_at in sent.get(project.id, [])
                ],
                oldest_waiting_days=(end - oldest).days if oldest else None,
                suggestions_total=known.suggestions,
                answered_total=known.answered,
                changes_total=known.changes,
                followups=followups.get(project.id, 0),
                worth_a_call=calls.get(project.id, 0),
                last_week=before.get(project.id, 0),
                new_people=joined.get(project.id, 0),
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
