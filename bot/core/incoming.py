"""A message someone sent, as the domain sees it (no Telegram types)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Incoming:
    """A message someone sent, reduced to what Natter may keep."""

    telegram_id: int
    chat_id: int
    message_id: int
    text: str | None = None
    voice_file_id: str | None = None
    voice_seconds: int | None = None

    @property
    def is_voice(self) -> bool:
        return self.voice_file_id is not None


@dataclass(frozen=True, slots=True)
class Press:
    """A button someone pressed: its data (never trusted), and what a few answers need."""

    telegram_id: int
    data: str | None
    language: str  # Telegram's language for them, kept if they join
    bot_username: str  # for invite links
