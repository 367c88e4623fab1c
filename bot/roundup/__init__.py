"""The monthly round-up: everyone hears what changed because of what people said."""

from bot.roundup.building import MAX_ITEMS, MAX_WORDS, Roundup, Told, build, words
from bot.roundup.planning import Month, card_png, card_reply, current_month, plan_due, read

__all__ = [
    "MAX_ITEMS",
    "MAX_WORDS",
    "Month",
    "Roundup",
    "Told",
    "build",
    "card_png",
    "card_reply",
    "current_month",
    "plan_due",
    "read",
    "words",
]
