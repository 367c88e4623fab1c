"""The buttons behind "Add details" under a volunteer's note (bot.core.buttons.kinds holds the
rest): the note's choices, and each choice of what kind of thing it was and how many agreed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True, slots=True)
class NoteDetails:
    comment_id: int  # the note whose kind and agreement choices to show


@dataclass(frozen=True, slots=True)
class NoteTag:
    comment_id: int  # the note just made
    field: Literal["k", "a"]  # its kind, or how many agreed
    value: str
