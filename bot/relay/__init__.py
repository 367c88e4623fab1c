"""Volunteers noting what a group said: where, when, how many, then each thing said."""

from bot.relay.notes import MENU, close_stale, details, done, one_person, tag, undo
from bot.relay.recent import add_more, recent
from bot.relay.setup import (
    message,
    pick_count,
    pick_day,
    pick_place,
    pick_project,
    start,
    volunteer_projects,
)

__all__ = [
    "MENU",
    "add_more",
    "close_stale",
    "details",
    "done",
    "message",
    "one_person",
    "pick_count",
    "pick_day",
    "pick_place",
    "pick_project",
    "recent",
    "start",
    "tag",
    "undo",
    "volunteer_projects",
]
