"""The `natter` command (also `python -m bot`)."""

from bot.cli.main import main

__all__ = ["main"]
