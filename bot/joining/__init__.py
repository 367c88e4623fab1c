"""Joining: invite codes, and the welcome that asks consent before anything is stored."""

from bot.joining.consent import answer, start
from bot.joining.invites import create, link, qr_png

__all__ = ["answer", "create", "link", "qr_png", "start"]
