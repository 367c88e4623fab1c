"""Joining: invite codes, and the welcome that asks consent before anything is stored."""

from bot.joining.consent import answer, by_word, is_join_word, start, typed_answer
from bot.joining.invites import create, give_word, link, qr_png
from bot.joining.screen import too_long as consent_too_long
from bot.joining.words import looks_like

__all__ = [
    "answer", "by_word", "consent_too_long", "create", "give_word", "is_join_word", "link",
    "looks_like", "qr_png", "start", "typed_answer",
]  # fmt: skip
