"""A fake Telegram Bot API server for end-to-end tests; see server.FakeTelegram."""

from .server import FakeTelegram
from .state import SentMessage

__all__ = ["FakeTelegram", "SentMessage"]
