"""Buttons of the theme check (bot.replies.themes_check): staff confirm or correct, with one
tap, what a comment was read as being about."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# A theme as staff set it: happy, unhappy, or not about it at all.
ThemeState = Literal["h", "u", "x"]


@dataclass(frozen=True, slots=True)
class ThemeNext:
    """The next comment to check after this id (0: the first)."""

    after: int


@dataclass(frozen=True, slots=True)
class ThemeRight:
    """The themes shown for this comment are right."""

    comment_id: int


@dataclass(frozen=True, slots=True)
class ThemeSet:
    """Set one theme (by its place in the codebook) of this comment."""

    comment_id: int
    theme: int
    state: ThemeState


@dataclass(frozen=True, slots=True)
class ThemeNeedsReply:
    """Staff's word on whether this comment needs a reply (y: list it in /replies; n: not)."""

    comment_id: int
    needs: Literal["y", "n"]


@dataclass(frozen=True, slots=True)
class ReplyThemes:
    """/replies by theme: the themes of the suggestions waiting."""


@dataclass(frozen=True, slots=True)
class ReplyTheme:
    """Tick every waiting suggestion about this theme (its place in the codebook)."""

    theme: int
