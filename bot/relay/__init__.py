"""Volunteers noting what a group said: where, when, how many, then each thing said."""

from bot.relay.notes import close_stale, recent
from bot.relay.notes import pressed as note_pressed
from bot.relay.setup import MENU, STEP, is_noting, message, pressed, start, volunteer_projects

__all__ = [
    "MENU",
    "STEP",
    "close_stale",
    "is_noting",
    "message",
    "note_pressed",
    "pressed",
    "recent",
    "start",
    "volunteer_projects",
]
