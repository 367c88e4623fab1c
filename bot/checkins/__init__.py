"""Check-ins: now and then a friendly "how are things?", never at night and never nagging."""

from bot.checkins.answers import answer, away, away_for, done, heard_from, mood, snooze
from bot.checkins.planning import CHECKINS_PER_TRANSACTION, plan_checkins
from bot.checkins.stopping import opt_out, opt_out_answer
from bot.checkins.timing import in_hours, is_opt_out

__all__ = [
    "CHECKINS_PER_TRANSACTION",
    "answer",
    "away",
    "away_for",
    "done",
    "heard_from",
    "in_hours",
    "is_opt_out",
    "mood",
    "opt_out",
    "opt_out_answer",
    "plan_checkins",
    "snooze",
]
