"""What staff and the programme team ask for: this week so far, spreadsheets, invite links."""

from bot.team.requests import (
    export,
    export_ask,
    invite_ask,
    invite_link,
    preview,
    project_csv,
)

__all__ = [
    "export",
    "export_ask",
    "invite_ask",
    "invite_link",
    "preview",
    "project_csv",
]
