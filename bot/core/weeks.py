"""Weekly rhythm in local time: when a digest is due and which week it covers (DST-aware)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_RHYTHM = re.compile(r"^\s*([a-z]{3})[a-z]*\s+([01]?\d|2[0-3]):([0-5]\d)\s*$", re.IGNORECASE)


class RhythmError(ValueError):
    pass


def parse_rhythm(text: str) -> tuple[int, str]:
    """`"mon 09:00"` -> (0, "09:00")."""
    match = _RHYTHM.match(text)
    if not match or match.group(1).lower() not in WEEKDAYS:
        raise RhythmError(f'{text!r} is not a day and time: write it like "mon 09:00".')
    return WEEKDAYS.index(match.group(1).lower()), f"{int(match.group(2)):02d}:{match.group(3)}"


def format_rhythm(weekday: int, at: str) -> str:
    return f"{WEEKDAYS[weekday]} {at}"


@dataclass(frozen=True, slots=True)
class Period:
    """A week [start, end) in UTC, the local dates it spans, and when its digest is due."""

    start: datetime
    end: datetime
    first_day: date
    end_day: date  # exclusive: the day the digest goes out
    due_at: datetime


def _local_midnight(day: date, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=tz).astimezone(UTC)


def week_ending(day: date, at: str, tz: ZoneInfo) -> Period:
    """The week that ends at local midnight on `day`, with its digest due at `at` that day."""
    hours, minutes = (int(part) for part in at.split(":"))
    due = datetime.combine(day, time(hours, minutes), tzinfo=tz).astimezone(UTC)
    start_day = day - timedelta(days=7)
    return Period(_local_midnight(start_day, tz), _local_midnight(day, tz), start_day, day, due)


def latest_due(now: datetime, weekday: int, at: str, tz: ZoneInfo) -> Period:
    """The most recent week whose digest time has passed at `now`."""
    today = now.astimezone(tz).date()
    day = today - timedelta(days=(today.weekday() - weekday) % 7)
    period = week_ending(day, at, tz)
    if period.due_at > now:
        period = week_ending(day - timedelta(days=7), at, tz)
    return period


def week_so_far(now: datetime, weekday: int, tz: ZoneInfo) -> Period:
    """From the start of the current digest week to the end of today (for previews)."""
    today = now.astimezone(tz).date()
    start_day = today - timedelta(days=(today.weekday() - weekday) % 7)
    end_day = today + timedelta(days=1)
    return Period(
        _local_midnight(start_day, tz), _local_midnight(end_day, tz), start_day, end_day, now
    )


def iso_week(text: str, at: str, tz: ZoneInfo) -> Period:
    """`2026-W47` -> Monday to Sunday of that ISO week (its digest goes out the Monday after)."""
    match = re.match(r"^(\d{4})-W(\d{2})$", text.strip())
    if not match:
        raise RhythmError(f"{text!r} is not a week: write it like 2026-W47.")
    first = date.fromisocalendar(int(match.group(1)), int(match.group(2)), 1)
    return week_ending(first + timedelta(days=7), at, tz)
