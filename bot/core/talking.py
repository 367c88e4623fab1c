"""The dialogue states of a conversation between the team and a person about a flagged message
(bot.care.conversation): the staff member writing, and the person, whose previous step waits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

from bot.core.json_fields import Json, int_at, str_at
from bot.core.steps import Step

if TYPE_CHECKING:
    from bot.core.dialogue import Dialogue


@dataclass(frozen=True, slots=True)
class WritingToPerson:
    """Staff pressed "Write to them": what they type goes to the person, until `until`."""

    step: ClassVar[Step] = Step.WRITE_TO_PERSON
    comment_id: int
    until: datetime

    @classmethod
    def read(cls, data: Json) -> WritingToPerson:
        return cls(int_at(data, "comment_id"), datetime.fromisoformat(str_at(data, "until")))


@dataclass(frozen=True, slots=True)
class TalkingWithTeam:
    """The team wrote to them: what they type goes back, until `until`; then `previous` (a
    question waiting for its answer) is where they are again."""

    step: ClassVar[Step] = Step.TALK
    comment_id: int
    until: datetime
    previous: Dialogue | None = None

    @classmethod
    def read(cls, data: Json) -> TalkingWithTeam:
        from bot.core.dialogue import from_json  # the states refer to each other

        until = datetime.fromisoformat(str_at(data, "until"))
        return cls(int_at(data, "comment_id"), until, from_json(data.get("previous")))
