"""Telegram transport: turn updates into calls on the domain (`bot/`) and render its answers."""

from handlers.routes import register

__all__ = ["register"]
