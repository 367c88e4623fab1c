"""Weekly digests: planned once per (scope, week) from the ledger, written, and queued."""

from bot.digests.building import build_programme, build_project
from bot.digests.forgetting import their_words, unquote_digest, without_rows
from bot.digests.formatting import day_text, small, trim
from bot.digests.planning import PROGRAMME_TIME, PROGRAMME_WEEKDAY, plan_due
from bot.digests.project_digest import heard_by_team
from bot.digests.reading import as_digest_comment
from bot.digests.spreadsheet import comments_csv, safe_cell

__all__ = [
    "PROGRAMME_TIME",
    "PROGRAMME_WEEKDAY",
    "as_digest_comment",
    "build_programme",
    "build_project",
    "comments_csv",
    "day_text",
    "heard_by_team",
    "plan_due",
    "safe_cell",
    "small",
    "their_words",
    "trim",
    "unquote_digest",
    "without_rows",
]
