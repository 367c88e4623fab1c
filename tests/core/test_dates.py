"""The dates volunteers type, read the UK way."""

from __future__ import annotations

from datetime import date

import pytest

from bot.core.dates import parse_day

TODAY = date(2026, 11, 26)  # a Thursday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3/11", date(2026, 11, 3)),
        ("03.11.2026", date(2026, 11, 3)),
        ("3/11/26", date(2026, 11, 3)),
        ("3 Nov", date(2026, 11, 3)),
        ("3rd November", date(2026, 11, 3)),
        ("3rd November 2026", date(2026, 11, 3)),
        ("2026-11-03", date(2026, 11, 3)),
        ("today", TODAY),
        ("Yesterday", date(2026, 11, 25)),
        ("Tuesday", date(2026, 11, 24)),
        ("last fri", date(2026, 11, 20)),
        ("thurs", TODAY),
        ("30/12", date(2025, 12, 30)),  # more than a month ahead: last year's
        ("28/11", date(2026, 11, 28)),  # just ahead: kept, so the flow can refuse it
    ],
)
def test_readable(text: str, expected: date) -> None:
    assert parse_day(text, TODAY) == expected


@pytest.mark.parametrize(
    "text",
    ["", "lots", "soon", "31/11", "3/13", "2026-13-01", "next week", "su", "1/1/0001",
     "31/12/9999", "1/1/1999", "1/1/2028"],
)  # fmt: skip
def test_unreadable(text: str) -> None:
    assert parse_day(text, TODAY) is None
