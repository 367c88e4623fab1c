"""Reading the dates volunteers type, in the forms people use in the UK."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

from dateutil import parser as dateparser

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
YEAR_BACK_AFTER_DAYS = 31
EARLIEST = date(2000, 1, 1)  # before any group this serves
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_NUMERIC = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2}|\d{4}))?\s*$")


def parse_day(text: str, today: date) -> date | None:
    """A past or present day from text like 3/11, 3 Nov, 3rd November 2026, yesterday, Tuesday.

    Day first, as in the UK. A date without a year more than a month ahead is taken as last
    year's. Returns None when the text is not a date, or is a date no one here could mean
    (before EARLIEST or more than a year ahead: a slip, and past the year 9999 one day on).
    """
    found = _read_day(text, today)
    if found is None or not EARLIEST <= found <= today + timedelta(days=366):
        return None
    return found


def _read_day(text: str, today: date) -> date | None:
    words = text.strip().lower()
    if words in ("today", "this morning", "this afternoon"):
        return today
    if words in ("yesterday", "last night"):
        return today - timedelta(days=1)
    name = words.removeprefix("last ").removeprefix("on ")
    weekday = next(
        (i for i, d in enumerate(_WEEKDAYS) if len(name) >= 3 and d.startswith(name)), None
    )
    if weekday is not None:  # the most recent such day, today included
        return today - timedelta(days=(today.weekday() - weekday) % 7)
    if _ISO.match(words):
        try:
            return date.fromisoformat(words)
        except ValueError:
            return None
    numeric = _NUMERIC.match(words)
    if numeric:
        day, month, year = numeric.groups()
        return _dated(int(day), int(month), _year(year, today), today, explicit_year=bool(year))
    try:
        found = dateparser.parse(
            text, dayfirst=True, default=datetime(today.year, 1, 1, tzinfo=UTC)
        )
    except (ValueError, OverflowError):
        return None
    has_year = bool(re.search(r"\d{4}", text))
    return _dated(found.day, found.month, found.year, today, explicit_year=has_year)


def _year(text: str | None, today: date) -> int:
    if not text:
        return today.year
    return int(text) + 2000 if len(text) == 2 else int(text)


def _dated(day: int, month: int, year: int, today: date, *, explicit_year: bool) -> date | None:
    try:
        found = date(year, month, day)
    except ValueError:
        return None
    # 30/12 typed in January means last December; 5/11 typed on 2 November is a mistake,
    # kept in the future so the volunteer is asked again.
    if found - today > timedelta(days=YEAR_BACK_AFTER_DAYS) and not explicit_year:
        try:
            found = found.replace(year=year - 1)
        except ValueError:
            return None
    return found
