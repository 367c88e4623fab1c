"""Planning the monthly round-up from its ledger, so each project's month is planned once.

Due on the project's `roundup_day` each month, in its check-in hours (never at night). It
tells the replies staff sent since the last one's day. Like check-ins it counts towards a
participant's one-message-a-week cap: their next check-in waits a week after it. The ledger
row and every outbox message are written in one transaction; a second planner plans nothing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from sqlalchemy.ext.asyncio import AsyncSession

from bot import delivery
from bot.checkins import in_hours
from bot.core import Deps, Photo, Reply, Say
from bot.roundup.building import Roundup, Told, build
from bot.roundup.card import draw_card
from prompts.catalogue import DEFAULT_LANGUAGE
from storage.db import Database
from storage.models import Outcome, Person, Project, Role
from storage.repositories import digests, responses, roundups

log = logging.getLogger(__name__)
PRIORITY = 90  # after check-ins (80), before digests (100)
MAX_ASKED = 3  # programme questions' results in one round-up, at most


@dataclass(frozen=True, slots=True)
class Month:
    """The replies told in a round-up: [start, end) in UTC; `label` is the month it goes out."""

    label: str
    start: datetime
    end: datetime


def _on(year: int, month: int, day: int, project: Project, deps: Deps) -> datetime:
    local = datetime.combine(date(year, month, day), time(0), tzinfo=deps.project_timezone(project))
    return local.astimezone(UTC)


def current_month(deps: Deps, project: Project, now: datetime) -> Month:
    """The latest round-up day at or before `now` (local), and the month of replies before it."""
    today = now.astimezone(deps.project_timezone(project)).date()
    day = min(max(project.roundup_day, 1), 28)
    year, month = today.year, today.month
    if today.day < day:
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    before = (year, month - 1) if month > 1 else (year - 1, 12)
    end = _on(year, month, day, project, deps)
    return Month(f"{year:04d}-{month:02d}", _on(*before, day, project, deps), end)


async def read(session: AsyncSession, deps: Deps, project: Project, month: Month) -> Roundup | None:
    """The project's round-up for `month`, fitted in English; None when there is nothing to tell."""
    found = await responses.replies_between(session, [project.id], month.start, month.end)
    told = [
        Told(r.outcome, said, r.text)
        for r, _count, said, _heard_at in found
        if said is not None and r.outcome in (Outcome.CHANGED, Outcome.LOOKING)
    ]
    # Fitted so that the volunteers' version, with its one line before, keeps to 80 words too.
    reserve = len(deps.prompts.plain("roundup.card_intro").split())
    return build(deps.prompts, project.name, told, DEFAULT_LANGUAGE, reserve)


def card_reply(deps: Deps, roundup: Roundup, png: bytes) -> Reply:
    """For volunteers: the same words to read out, and the card to print."""
    caption = Say("roundup.card_caption", {"project": roundup.project})
    return Reply((Say("roundup.card_intro"), *roundup.parts()), photo=Photo(png, caption))


def card_png(deps: Deps, roundup: Roundup) -> bytes:
    title = deps.prompts.plain("roundup.card_title")
    return draw_card(title, roundup.plain(deps.prompts, DEFAULT_LANGUAGE)[1:])


async def plan_due(db: Database, deps: Deps, now: datetime) -> list[str]:
    """Plan every project's round-up that is due and not in the ledger; the slugs planned."""
    planned: list[str] = []
    async with db.reading() as session:
        projects = list(await digests.all_projects(session))
        months = {p.id: current_month(deps, p, now) for p in projects}
        done = await roundups.planned_months(session, sorted({m.label for m in months.values()}))
    for project in projects:
        month = months[project.id]
        due = month.end <= now and month.end >= project.created_at
        tz = deps.project_timezone(project)
        if not due or (project.id, month.label) in done or not in_hours(now, tz, project):
            continue
        async with db.transaction() as session:
            if await _plan_one(session, deps, project, month, now):
                planned.append(project.slug)
    if planned:
        log.info("planned round-ups: %s", ", ".join(planned))
    return planned


async def _plan_one(
    session: AsyncSession, deps: Deps, project: Project, month: Month, now: datetime
) -> bool:
    roundup_id = await roundups.claim_month(session, project.id, month.label, now)
    if roundup_id is None:
        return False  # another planner got there first
    roundup = await read(session, deps, project, month)
    people = await roundups.listeners(session, project.id)
    asked = await roundups.asked_results(
        session, [p.person_id for p in people], month.start, month.end
    )
    # A month with nothing to say sends nothing (and is not looked at again: it is claimed).
    card = card_reply(deps, roundup, card_png(deps, roundup)) if roundup else None
    reached = 0
    for listener in people:
        whom = listener.person_id
        replies = (
            [] if roundup is None else [(f"roundup:{project.id}:{month.label}", roundup.reply())]
        )
        if card is not None and listener.role is Role.VOLUNTEER:
            replies = [(f"roundup:{project.id}:{month.label}", card)]
        # Programme questions (/ask) put to them this month: every group's counts, back to them
        # once (the key has no project: a member of two groups hears it once).
        replies += [
            (f"roundup:asked:{r.question_id}", Reply((_asked(r),)))
            for r in asked.get(whom, [])[:MAX_ASKED]
        ]
        for key, reply in replies:
            await delivery.enqueue(
                session, key=f"{key}:to:{whom}",
                kind="roundup", chat_id=listener.chat_id, person_id=listener.person_id,
                reply=reply, now=now, language=listener.language, priority=PRIORITY,
            )  # fmt: skip
        reached += bool(replies)
        if replies and listener.role is Role.PARTICIPANT:
            person = await session.get(Person, listener.person_id)
            if person is not None:  # counted in the weekly cap, as a check-in is
                person.last_checkin_at = now
    items = len(roundup.items) if roundup else 0
    await roundups.record_counts(session, roundup_id, items, reached)
    return True


def _asked(result: roundups.AskedResult) -> Say:
    counts = {"answered": result.answered, "asked": result.asked}
    return Say("roundup.asked", {"question": result.question, **counts})
