"""The dialogue state of /did: staff noting what the team heard and did (bot.core.dialogue lists
it with the rest)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from bot.core.json_fields import (
    Json,
    flag_at,
    optional_int_at,
    optional_str_at,
    str_at,
    strs_at,
)
from bot.core.steps import DidStage, Step
from storage.models import Outcome


@dataclass(frozen=True, slots=True)
class RecordingDid:
    """Where or with whom (`place`, names already kept out), what people said (as typed, in
    message `said_message`: the comment's key once saved), what happened and what the team did
    (as typed). Nothing is stored but this until they tap Save."""

    step: ClassVar[Step] = Step.DID
    stage: DidStage
    project_id: int | None = None
    places: tuple[str, ...] = ()  # recent places, offered as buttons by index
    place: str | None = None
    said: str | None = None
    said_message: int | None = None
    outcome: Outcome | None = None
    did: str | None = None
    changing: bool = False  # answering one again from the read-back: back to it afterwards

    @classmethod
    def read(cls, data: Json) -> RecordingDid:
        outcome = optional_str_at(data, "outcome")
        return cls(
            DidStage(str_at(data, "stage")), optional_int_at(data, "project_id"),
            strs_at(data, "places"), optional_str_at(data, "place"),
            optional_str_at(data, "said"), optional_int_at(data, "said_message"),
            Outcome(outcome) if outcome else None, optional_str_at(data, "did"),
            flag_at(data, "changing"),
        )  # fmt: skip
