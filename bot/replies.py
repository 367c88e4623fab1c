"""What the domain answers: prompt keys and choices, not Telegram objects.

Handlers render these; nothing here knows about HTTP or python-telegram-bot.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Say:
    """One prompt from `prompts/` with the values to fill in (escaped when rendered)."""

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Button:
    label: Say
    data: str


@dataclass(frozen=True, slots=True)
class Reply:
    """One message: its parts are joined with a blank line; buttons are rows of one each."""

    parts: tuple[Say, ...]
    buttons: tuple[Button, ...] = ()
    # Shown as a small pop-up when answering a button press (stale or forged buttons).
    notice: Say | None = None
    document: Document | None = None

    @classmethod
    def of(cls, key: str, /, buttons: tuple[Button, ...] = (), **params: Any) -> Reply:
        return cls((Say(key, params),), buttons)


@dataclass(frozen=True, slots=True)
class Document:
    filename: Say
    lines: tuple[Say, ...] = field(default_factory=tuple)


def notice(key: str) -> Reply:
    """A reply that is only a pop-up on the pressed button, no new message."""
    return Reply((), notice=Say(key))
