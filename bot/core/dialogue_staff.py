"""Staff's one-field dialogue states (bot.core.dialogue lists them with the rest)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from bot.core.json_fields import Json, int_at, optional_int_at
from bot.core.steps import Step


@dataclass(frozen=True, slots=True)
class WritingReviewNote:
    """Staff marked a flagged message as looked at: what they type next is their note on it."""

    step: ClassVar[Step] = Step.REVIEW_NOTE
    comment_id: int

    @classmethod
    def read(cls, data: Json) -> WritingReviewNote:
        return cls(int_at(data, "comment_id"))


@dataclass(frozen=True, slots=True)
class WaitingForDates:
    step: ClassVar[Step] = Step.REPORT_DATES
    tries: int = 0  # unreadable dates so far

    @classmethod
    def read(cls, data: Json) -> WaitingForDates:
        return cls(optional_int_at(data, "tries") or 0)


@dataclass(frozen=True, slots=True)
class WritingQuestion:
    step: ClassVar[Step] = Step.ASK

    @classmethod
    def read(cls, data: Json) -> WritingQuestion:
        return cls()


@dataclass(frozen=True, slots=True)
class TypingEmail:
    """/settings: what a staff or programme member types next is their email address."""

    step: ClassVar[Step] = Step.EMAIL_ADDRESS
    tries: int = 0  # addresses that could not be used so far

    @classmethod
    def read(cls, data: Json) -> TypingEmail:
        return cls(optional_int_at(data, "tries") or 0)
