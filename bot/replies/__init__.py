"""You said, we did: staff answer suggestions and the people who made them are told."""

from bot.replies.answering import (
    cancel,
    confirm,
    go,
    next_page,
    not_needed,
    outcome,
    pick_update,
    tick,
    typed,
    update,
)
from bot.replies.by_theme import by_theme, tick_theme
from bot.replies.listing import check_button, show
from bot.replies.sending import preview, send
from bot.replies.themes_check import needs_reply, next_card, right, set_theme

__all__ = [
    "by_theme",
    "cancel",
    "check_button",
    "confirm",
    "go",
    "needs_reply",
    "next_card",
    "next_page",
    "not_needed",
    "outcome",
    "pick_update",
    "preview",
    "right",
    "send",
    "set_theme",
    "show",
    "tick",
    "tick_theme",
    "typed",
    "update",
]
