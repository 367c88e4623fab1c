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
from bot.replies.listing import check_button, show
from bot.replies.sending import preview, send
from bot.replies.themes_check import needs_reply, next_card, right, set_theme

__all__ = [
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
    "typed",
    "update",
]
