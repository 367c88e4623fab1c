"""Nobody is left waiting: an alert no one has marked as looked at within 4 hours, counted only
between 08:00 and 20:00 in the project's time zone (every day of the week), goes to the
programme team, once. Planned from the database each minute (bot.runtime.jobs), so a restart
or a missed run loses nothing and a repeated one tells no one twice."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.care.alerts import emailed_alert, queue_alert
from bot.core import Deps, Reply
from storage.db import Database
from storage.models import Project, Role
from storage.repositories import digests, flags, follow_ups

WAIT = timedelta(hours=4)
DAY_STARTS, DAY_ENDS = time(8), time(20)


def waking_time(
    start: datetime, end: datetime, zone: ZoneInfo, enough: timedelta = WAIT
) -> timedelta:
    """The time from `start` to `end` that falls between 08:00 and 20:00 local (stops counting
    once it reaches `enough`)."""
    total = timedelta()
    day, last = start.astimezone(zone).date(), end.astimezone(zone).date()
    while day <= last and total < enough:
        opens = datetime.combine(day, DAY_STARTS, zone)
        closes = datetime.combine(day, DAY_ENDS, zone)
        later, earlier = max(start, opens), min(end, closes)
        if earlier > later:
            total += earlier - later
        day += timedelta(days=1)
    return total


async def escalate_due(db: Database, deps: Deps, now: datetime) -> int:
    """Tell the programme team of each alert that has waited too long; how many were told.

    The programme team sees where and what it may be about, never the words (PRIVACY.md)."""
    told = 0
    async with db.transaction() as session:
        team = await digests.recipients(session, Role.PROGRAMME, None)
        for comment in await flags.waiting_unescalated(session):
            project = await session.get(Project, comment.project_id)
            if project is None:
                continue
            zone = deps.project_timezone(project)
            if waking_time(comment.created_at, now, zone) < WAIT:
                continue
            follow_up = await follow_ups.of(session, comment.id)
            follow_up.escalated_at = now
            topic = deps.prompts.plain(f"care.topic.{comment.flag_topic or 'self_harm'}")
            alert = Reply.of(
                "care.escalation", project=project.name, topic=topic,
                date=deps.local(comment.created_at),
            )  # fmt: skip
            emailed = emailed_alert("mail.escalation", project.name)
            for member in team:
                key = f"escalation:{comment.id}:to:{member.person_id}"
                await queue_alert(session, now, member, key, alert, emailed)
            told += 1
    return told
