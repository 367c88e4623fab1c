"""The numbers a funder asks for: /report for staff and `natter report` for the operator."""

from bot.reports.flow import report_ask, report_between, report_dates, report_for
from bot.reports.numbers import gather, render_csv, render_markdown, utc_range

__all__ = [
    "gather",
    "render_csv",
    "render_markdown",
    "report_ask",
    "report_between",
    "report_dates",
    "report_for",
    "utc_range",
]
