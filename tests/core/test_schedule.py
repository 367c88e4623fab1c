"""Digest timing in London time, winter and summer, across the clock change."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.core.weeks import RhythmError, iso_week, latest_due, parse_rhythm, week_so_far

LONDON = ZoneInfo("Europe/London")


def test_winter_monday_nine_is_nine_utc() -> None:
    period = latest_due(datetime(2026, 11, 23, 9, 0, tzinfo=UTC), 0, "09:00", LONDON)
    assert period.due_at == datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    assert period.start == datetime(2026, 11, 16, 0, 0, tzinfo=UTC)
    assert period.end == datetime(2026, 11, 23, 0, 0, tzinfo=UTC)
    assert (period.first_day, period.end_day) == (date(2026, 11, 16), date(2026, 11, 23))


def test_a_minute_early_gives_the_week_before() -> None:
    period = latest_due(datetime(2026, 11, 23, 8, 59, tzinfo=UTC), 0, "09:00", LONDON)
    assert period.end_day == date(2026, 11, 16)


def test_summer_monday_nine_is_eight_utc() -> None:
    period = latest_due(datetime(2026, 6, 15, 8, 0, tzinfo=UTC), 0, "09:00", LONDON)
    assert period.due_at == datetime(2026, 6, 15, 8, 0, tzinfo=UTC)
    assert period.start == datetime(2026, 6, 7, 23, 0, tzinfo=UTC)  # Monday 00:00 BST
    assert latest_due(datetime(2026, 6, 15, 7, 59, tzinfo=UTC), 0, "09:00", LONDON).end_day == date(
        2026, 6, 8
    )


def test_week_with_the_clocks_going_forward_is_an_hour_short() -> None:
    period = latest_due(datetime(2026, 3, 30, 12, 0, tzinfo=UTC), 0, "09:00", LONDON)
    assert period.first_day == date(2026, 3, 23)
    assert period.end - period.start == timedelta(hours=167)
    assert period.due_at == datetime(2026, 3, 30, 8, 0, tzinfo=UTC)


def test_other_days_and_times() -> None:
    weekday, at = parse_rhythm("Thursday 17:30")
    assert (weekday, at) == (3, "17:30")
    period = latest_due(datetime(2026, 11, 26, 18, 0, tzinfo=UTC), weekday, at, LONDON)
    assert period.due_at == datetime(2026, 11, 26, 17, 30, tzinfo=UTC)
    assert period.first_day == date(2026, 11, 19)


@pytest.mark.parametrize("text", ["", "09:00", "mon", "mon 25:00", "funday 09:00", "mon 9.00"])
def test_bad_rhythms_are_refused(text: str) -> None:
    with pytest.raises(RhythmError):
        parse_rhythm(text)


def test_iso_week_and_week_so_far() -> None:
    week = iso_week("2026-W47", "09:00", LONDON)
    assert (week.first_day, week.end_day) == (date(2026, 11, 16), date(2026, 11, 23))
    now = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)
    so_far = week_so_far(now, 0, LONDON)
    assert so_far.first_day == date(2026, 11, 23)
    assert so_far.end == datetime(2026, 11, 27, 0, 0, tzinfo=UTC)  # the end of today
    with pytest.raises(RhythmError):
        iso_week("week 47", "09:00", LONDON)
