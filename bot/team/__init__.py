"""What staff and the programme team ask for: this week so far, spreadsheets, invite links,
and who is on the team (and taking someone off it)."""

from bot.team.members import Left, leave, team_list
from bot.team.requests import (
    ThisWeek,
    export,
    export_ask,
    invite_ask,
    invite_link,
    preview,
    project_csv,
    this_week,
)
from bot.team.settings import CHOICES, address_typed, choose, send_to, settings_show

__all__ = [
    "CHOICES",
    "Left",
    "ThisWeek",
    "address_typed",
    "choose",
    "export",
    "export_ask",
    "invite_ask",
    "invite_link",
    "leave",
    "preview",
    "project_csv",
    "send_to",
    "settings_show",
    "team_list",
    "this_week",
]
