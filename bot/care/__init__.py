"""Care: messages that sound like danger get help at once and staff an alert; staff review them."""

from bot.care.screening import NOTE_STEP, flagged, is_noting, review_note, reviewed, screen

__all__ = [
    "NOTE_STEP",
    "flagged",
    "is_noting",
    "review_note",
    "reviewed",
    "screen",
]
