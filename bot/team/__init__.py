"""What staff and the programme team ask for: this week so far, spreadsheets, invite links,
and who is on the team (and taking someone off it)."""

from bot.team.members import Left, leave, team_list
from bot.team.requests import (
    export,
    export_ask,
    invite_ask,
    invite_link,
    preview,
    project_csv,
)

__all__ = [
    "Left",
    "export",
    "export_ask",
    "invite_ask",
    "invite_link",
    "leave",
    "preview",
    "project_csv",
    "team_list",
]
