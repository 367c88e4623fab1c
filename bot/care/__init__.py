"""Care: messages that sound like danger get help at once and staff an alert; staff review them,
and can write back to the person through Natter."""

from bot.care.alerts import tell_staff
from bot.care.contact import contact_me, number_shared, safe
from bot.care.conversation import end as end_talk
from bot.care.conversation import person_replies, staff_writes
from bot.care.conversation import start as write_to_them
from bot.care.early_signs import called, from_words, not_great, plan_quiet
from bot.care.escalation import escalate_due, waking_time
from bot.care.help import concerns, danger_first, for_the_person, noted_early, takes_first
from bot.care.review import flagged, review_note, reviewed
from bot.care.screening import screen

__all__ = [
    "called",
    "concerns",
    "contact_me",
    "danger_first",
    "end_talk",
    "escalate_due",
    "flagged",
    "for_the_person",
    "from_words",
    "not_great",
    "noted_early",
    "number_shared",
    "person_replies",
    "plan_quiet",
    "review_note",
    "reviewed",
    "safe",
    "screen",
    "staff_writes",
    "takes_first",
    "tell_staff",
    "waking_time",
    "write_to_them",
]
