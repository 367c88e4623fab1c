"""Check-ins: now and then a friendly "how are things?", never at night and never nagging."""

from bot.checkins.flow import (
    STEP,
    answer,
    heard_from,
    is_opt_out,
    is_waiting,
    opt_out,
    plan_checkins,
    pressed,
)

__all__ = [
    "STEP",
    "answer",
    "heard_from",
    "is_opt_out",
    "is_waiting",
    "opt_out",
    "plan_checkins",
    "pressed",
]
