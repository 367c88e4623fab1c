"""The numbers a funder asks for: /report for staff and `natter report` for the operator, and
the printable quarterly learning report (`natter report --format pdf`)."""

from bot.reports.flow import report_ask, report_between, report_dates, report_for
from bot.reports.learning import LearningReport, gather_learning
from bot.reports.numbers import gather, render_csv, render_markdown, utc_range
from bot.reports.pdf import render_pdf

__all__ = [
    "LearningReport",
    "gather",
    "gather_learning",
    "render_csv",
    "render_markdown",
    "render_pdf",
    "report_ask",
    "report_between",
    "report_dates",
    "report_for",
    "utc_range",
]
