"""Care: messages that sound like danger get help at once and staff an alert; staff review them,
and can write back to the person through Natter."""

from bot.care.contact import contact_me, number_shared, safe
from bot.care.help import concerns, danger_first, takes_first
from bot.care.review import flagged, review_note, reviewed
from bot.care.screening import screen

__all__ = [
    "concerns",
    "contact_me",
    "danger_first",
    "flagged",
    "number_shared",
    "review_note",
    "reviewed",
    "safe",
    "screen",
    "takes_first",
]
