"""Delivering the outbox: one message at a time, paced under Telegram's limits, retried kindly."""

from bot.delivery.pacing import Pacer, Urgency
from bot.delivery.queue import enqueue
from bot.delivery.sender import Attempt, Claimed, Outcome, Transport, deliver_due

__all__ = [
    "Attempt",
    "Claimed",
    "Outcome",
    "Pacer",
    "Transport",
    "Urgency",
    "deliver_due",
    "enqueue",
]
