"""Short typed replies read as the buttons or commands they mean, in the step they are typed in.

bot.language reads which intents a message is ("no thanks" is No); this says what each means
where the person is: Skip under a question, "Not now" under a check-in, "No, that's all" after
it. A typed reply becomes the very button data that step's button carries and goes through the
same checks as a tap (bot.conversation.buttons), so it can do nothing a tap could not. Read
only after safeguarding, and only when no concern was found: help always comes first.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot import checkins, guide, joining
from bot.conversation.buttons import pressed
from bot.core import (
    CheckinStage,
    Deps,
    Handled,
    Incoming,
    NoteStage,
    Press,
    Reply,
    Step,
    buttons,
    dialogue,
)
from bot.language import Intent
from storage.models import Person, Project
from storage.repositories import voice as voice_repo

# Steps whose typed words may be taps: not the team composing a message, nor a person's reply
# to the team, nor the words that correct a voice note, where every word is meant as written.
_LISTENING = frozenset(
    {Step.QUESTIONS, Step.COLLECTIVE, Step.CHECKIN, Step.CHOOSE_PROJECT, Step.CONFIRM_FORGET,
     Step.CONFIRM_STOP,
     Step.NOTE}
)  # fmt: skip
_MOODS: dict[Intent, buttons.Mood] = {Intent.GOOD: "good", Intent.OK: "ok", Intent.NOT_GREAT: "bad"}
READ_BACK_MINUTES = 30  # a typed "yes" answers a read-back this recent


def reads_as_intent(deps: Deps, state: dialogue.Dialogue | None, incoming: Incoming) -> bool:
    """Whether the message may be a tap typed out here (else it can only be a comment)."""
    return bool(_intents(deps, state, incoming))


def agrees(deps: Deps, incoming: Incoming) -> bool | None:
    """A stranger's "yes" (True) or "no thanks" (False) to the welcome; None for anything else."""
    said = _intents(deps, None, incoming)
    if Intent.YES in said and Intent.NO not in said:
        return True
    if Intent.NO in said and Intent.YES not in said:
        return False
    return None


async def to_a_stranger(
    session: AsyncSession, deps: Deps, incoming: Incoming, *, calm: bool
) -> Reply:
    """What to say to someone who has not joined: "yes" under the welcome joins (a joining
    attempt, so never held back); how to join, if that is what they asked."""
    agreed = agrees(deps, incoming)
    if agreed is not None:
        reply = await joining.typed_answer(session, deps, incoming.telegram_id, agreed)
        return reply or Reply.of("join.tap_yes")
    asked = _intents(deps, None, incoming) & {Intent.HELP, Intent.ABOUT}
    return Reply.of("help.joining" if asked and calm else "comment.not_member")


def _intents(deps: Deps, state: dialogue.Dialogue | None, incoming: Incoming) -> frozenset[Intent]:
    if incoming.is_voice or (state is not None and state.step not in _LISTENING):
        return frozenset()  # a voice note is always kept as what they said
    said = deps.words.intents.read(incoming.text)
    if isinstance(state, dialogue.Noting) and state.stage is NoteStage.COMMENTS:
        return said & {Intent.DONE, Intent.HELP}  # anything else is what the group said
    return said


async def understood(
    session: AsyncSession,
    deps: Deps,
    person: Person,
    state: dialogue.Dialogue | None,
    incoming: Incoming,
) -> Handled | None:
    """What a short typed reply does in this step; None: it is not a tap typed out."""
    said = _intents(deps, state, incoming)
    if not said:
        return None
    if Intent.STOP_QUESTIONS in said:
        return Handled(await _stop_questions(session, deps, person, state))
    data = await _read_back(session, deps, person, said) or button_for(
        state, said, last=await _on_the_last_question(session, deps, state)
    )
    if data is not None:
        press = Press(person.telegram_id, buttons.encode(data), person.language, "")
        reply = await pressed(session, deps, press)
        if reply is not None:
            return Handled(reply)
    if Intent.HELP in said:
        return Handled(await guide.help_for(session, deps, person.telegram_id))
    if Intent.ABOUT in said:
        return Handled(Reply.of("about.natter"))
    return None


def button_for(
    state: dialogue.Dialogue | None, said: frozenset[Intent], *, last: bool = False
) -> buttons.ButtonData | None:
    """The button of this step the intents mean, by the step's own order of preference."""
    match state:
        # "No, that's all" to the last question ("Is there anything else?") is a skip, not
        # something to pass on; "nothing really" to "anything you'd change?" is an answer.
        case dialogue.AnsweringQuestions(project_id=project_id, index=index):
            skip = _any(said, Intent.SKIP, Intent.NO) or (last and Intent.DONE in said)
            return buttons.SkipQuestion(project_id, index) if skip else None
        case dialogue.AnsweringProgramme(question_id=question_id):
            skip = _any(said, Intent.SKIP, Intent.NO, Intent.DONE)
            return buttons.SkipProgrammeQuestion(question_id) if skip else None
        case dialogue.CheckingIn(
            stage=CheckinStage.ASKED, membership_id=m, turn=turn, question_key=q
        ):
            # Only "How are things?" has moods; "good" to a programme question is its answer.
            mood = next((_MOODS[i] for i in _MOODS if i in said), None)
            if mood is not None and not q.startswith("programme:"):
                return buttons.CheckinMood(m, turn, mood)
            return buttons.CheckinSnooze(m, turn) if _any(said, Intent.SKIP, Intent.NO) else None
        case dialogue.CheckingIn(stage=CheckinStage.MORE, membership_id=m, turn=turn):
            # "No" to "anything else?" is an answer, not something to pass on.
            return buttons.CheckinDone(m, turn) if _any(said, Intent.NO, Intent.DONE) else None
        case dialogue.ConfirmingStop():
            if Intent.YES in said and Intent.NO not in said:
                return buttons.OptOut("yes")
            return buttons.OptOut("no") if Intent.NO in said else None
        case dialogue.ConfirmingForget():
            if Intent.YES in said and Intent.NO not in said:
                return buttons.Forget("yes")
            return buttons.Forget("no") if Intent.NO in said else None
        case dialogue.Noting(stage=NoteStage.COMMENTS, session_id=int(session_id)):
            return buttons.NoteDone(session_id) if Intent.DONE in said else None
    return None


async def _read_back(
    session: AsyncSession, deps: Deps, person: Person, said: frozenset[Intent]
) -> buttons.ButtonData | None:
    """ "yes" just after "I heard: ... Did I get that right?" is its Yes (a "no" stays what it
    means in the step, as "not quite" is theirs to tap: it asks them to type the note out)."""
    if Intent.YES not in said or Intent.NO in said:
        return None
    since = deps.now() - timedelta(minutes=READ_BACK_MINUTES)
    comment_id = await voice_repo.read_back_waiting(session, person.id, since)
    return None if comment_id is None else buttons.VoiceHeard(comment_id, "yes")


async def _on_the_last_question(
    session: AsyncSession, deps: Deps, state: dialogue.Dialogue | None
) -> bool:
    if not isinstance(state, dialogue.AnsweringQuestions):
        return False
    project = await session.get(Project, state.project_id)
    return project is not None and state.index == len(deps.question_set(project.question_set)) - 1


async def _stop_questions(
    session: AsyncSession, deps: Deps, person: Person, state: dialogue.Dialogue | None
) -> Reply:
    """Being asked questions: the rest are skipped, said once. Anywhere else it means the
    questions Natter sends on its own, so it is /stop in plain words (asked once to be sure)."""
    if isinstance(state, dialogue.AnsweringQuestions | dialogue.AnsweringProgramme):
        await dialogue.save(session, person.id, None, deps.now())
        return Reply.of("questions.stopped")
    return await checkins.opt_out(session, deps, person)


def _any(said: frozenset[Intent], *wanted: Intent) -> bool:
    return any(intent in said for intent in wanted)
