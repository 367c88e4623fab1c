"""Care: messages that sound like danger get help at once and staff an alert; staff review them."""

from bot.care.screening import flagged, review_note, reviewed, screen

__all__ = [
    "flagged",
    "review_note",
    "reviewed",
    "screen",
]
