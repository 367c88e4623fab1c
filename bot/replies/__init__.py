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

__all__ = [
    "cancel",
    "confirm",
    "go",
    "next_page",
    "not_needed",
    "outcome",
    "pick_update",
    "show",
    "tick",
    "typed",
    "update",
]
