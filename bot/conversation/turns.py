"""Which flow answers a typed message, by the step the person is on: one entry per step.

A flow's handler takes its own typed state and returns what it did, or None when the message
is not an answer to that step after all (a voice note where dates were asked for, a late reply
to a check-in): the message is then filed as a comment. Steps with no entry (choosing a project,
confirming /forget) wait for a button, and file what is typed meanwhile as a comment.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from bot import care, checkins, did, questions, relay, replies, reports, team, voice
from bot.core import Deps, Handled, Incoming, Step, dialogue
from storage.models import Person

S = TypeVar("S", bound=dialogue.Dialogue)


@dataclass(frozen=True, slots=True)
class Turn(Generic[S]):
    """The flow that owns the step of `state`, and its handler for a typed message."""

    state: type[S]
    handle: Callable[[AsyncSession, Deps, Person, S, Incoming], Awaitable[Handled | None]]

    async def __call__(
        self,
        session: AsyncSession,
        deps: Deps,
        person: Person,
        state: dialogue.Dialogue,
        incoming: Incoming,
    ) -> Handled | None:
        assert isinstance(state, self.state), (state, self.state)
        return await self.handle(session, deps, person, state, incoming)


TURNS: Mapping[Step, Turn[Any]] = {
    turn.state.step: turn
    for turn in (
        Turn(dialogue.AnsweringQuestions, questions.answer),
        Turn(dialogue.AnsweringProgramme, questions.answer_programme),
        Turn(dialogue.CheckingIn, checkins.answer),
        Turn(dialogue.Noting, relay.message),
        Turn(dialogue.Replying, replies.typed),
        Turn(dialogue.WritingReviewNote, care.review_note),
        Turn(dialogue.WritingToPerson, care.staff_writes),
        Turn(dialogue.TalkingWithTeam, care.person_replies),
        Turn(dialogue.WaitingForDates, reports.report_dates),
        Turn(dialogue.WritingQuestion, questions.ask_typed),
        Turn(dialogue.CorrectingVoice, voice.corrected),
        Turn(dialogue.TypingEmail, team.address_typed),
        Turn(dialogue.RecordingDid, did.typed),
    )
}
