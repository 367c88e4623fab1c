"""Delivering the outbox: one message at a time, paced under Telegram's limits, retried kindly."""

from bot.delivery.pacing import Pacer, Urgency
from bot.delivery.queue import channels_for, enqueue
from bot.delivery.sender import (
    URGENT_PRIORITY,
    Attempt,
    ByChannel,
    Claimed,
    Outcome,
    Transport,
    deliver_due,
)

__all__ = [
    "URGENT_PRIORITY",
    "Attempt",
    "ByChannel",
    "Claimed",
    "Outcome",
    "Pacer",
    "Transport",
    "Urgency",
    "channels_for",
    "deliver_due",
    "enqueue",
]
