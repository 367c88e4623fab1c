"""The plain rules behind check-ins, with no database: when one may go out, which question
it asks, and whether a message means "stop".

All instants are aware UTC; hours and Sundays are judged in the project's own time zone, so
10:00 stays 10:00 on the clock on both sides of a clock change.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import TypeVar
from zoneinfo import ZoneInfo

from bot.language import OptOutPhrases
from storage.models import Membership, Person, Project

T = TypeVar("T")

# Never more than one check-in a week to one person, whatever projects they belong to.
WEEKLY_CAP = timedelta(days=7)
# Two in a row left unanswered and we stop until they write again.
MAX_UNANSWERED = 2
SNOOZE = timedelta(days=7)
SUNDAY = 6


def clock_time(text: str) -> time:
    """`"10:00"` -> 10:00; the schema keeps check-in hours as HH:MM text."""
    hours, minutes = (int(part) for part in text.split(":"))
    return time(hours, minutes)


def in_hours(now: datetime, tz: ZoneInfo, project: Project) -> bool:
    """Within [checkin_from, checkin_until) local time, and not Sunday unless allowed.

    A window that ends before it starts is treated as empty rather than overnight: a
    check-in must never arrive at night.
    """
    local = now.astimezone(tz)
    if local.weekday() == SUNDAY and not project.checkin_sundays:
        return False
    start, end = clock_time(project.checkin_from), clock_time(project.checkin_until)
    return start <= local.time() < end


def person_ready(person: Person, now: datetime) -> bool:
    """The person-wide rules: not stopped, reachable, not ignoring us, not snoozed, weekly cap."""
    if person.paused or person.unreachable or person.checkins_unanswered >= MAX_UNANSWERED:
        return False
    if person.checkins_paused_until is not None and person.checkins_paused_until > now:
        return False
    return person.last_checkin_at is None or person.last_checkin_at <= now - WEEKLY_CAP


def due_at(membership: Membership, project: Project) -> datetime | None:
    """When this membership's next check-in falls due; None if the project has them off (<= 0)."""
    if project.checkin_every_days <= 0:
        return None
    # The first one comes a full rhythm after joining: they have just answered the questions.
    since = membership.last_checkin_at or membership.joined_at
    return since + timedelta(days=project.checkin_every_days)


def local_day(now: datetime, tz: ZoneInfo) -> date:
    return now.astimezone(tz).date()


def interleave(own: Sequence[T], shared: Sequence[T]) -> list[T]:
    """own[0], shared[0], own[1], shared[1], ... then whatever is left of the longer one."""
    out: list[T] = []
    for i in range(max(len(own), len(shared))):
        out.extend(seq[i] for seq in (own, shared) if i < len(seq))
    return out


def pick(turn: int, choices: Sequence[T]) -> T:
    """The check-in's question for this turn: round and round the list."""
    return choices[turn % len(choices)]


# --- "stop" in plain words (the phrases are in prompts/optout.yaml) -----------------------


def is_opt_out(phrases: OptOutPhrases, text: str | None) -> bool:
    """'Stop', 'please leave me alone', 'UNSUBSCRIBE': the whole message asks us to stop."""
    return bool(text) and phrases.matches(text or "")
