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
from bot.replies.listing import show
from bot.replies.sending import preview, send

__all__ = [
    "cancel",
    "confirm",
    "go",
    "next_page",
    "not_needed",
    "outcome",
    "pick_update",
    "preview",
    "send",
    "show",
    "tick",
    "typed",
    "update",
]
