"""Answers to a check-in: a mood tapped, "not now", "I'm away", or words written under it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.checkins.timing import SNOOZE
from bot.core import (
    Button,
    CheckinStage,
    Deps,
    Handled,
    Incoming,
    NewComment,
    Reply,
    Say,
    buttons,
    dialogue,
    people,
    store_comment,
    store_comment_once,
)
from storage.models import Kind, Level, Membership, Person
from storage.repositories import checkins as repo

MOODS: dict[buttons.Mood, str] = {"good": "good", "ok": "ok", "bad": "not_great"}
# A reply this long after the check-in is an ordinary message, not an answer to it.
ANSWER_WINDOW = timedelta(days=7)
AWAY_LABELS = {2: "checkin_two_weeks", 4: "checkin_four_weeks"}  # weeks away: button


async def heard_from(session: AsyncSession, person: Person) -> None:
    """Anything they send counts as an answer: the back-off starts again from nothing."""
    if person.checkins_unanswered:
        person.checkins_unanswered = 0


async def answer(
    session: AsyncSession,
    deps: Deps,
    person: Person,
    state: dialogue.CheckingIn,
    incoming: Incoming,
) -> Handled | None:
    """Store a check-in answer; None (state cleared) if it no longer fits: treat it as usual."""
    now = deps.now()
    await dialogue.save(session, person.id, None, now)
    membership = await repo.participant_membership(session, state.membership_id, person.id)
    if membership is None or membership.project is None or state.at + ANSWER_WINDOW < now:
        return None
    programme = state.question_key.startswith("programme:")
    # Written straight under the question: it answers that. After a mood tap: anything at all.
    kind = state.kind if state.stage is CheckinStage.ASKED else Kind.OTHER
    kept = await store_comment(
        session,
        NewComment.of(
            incoming, now, project_id=membership.project_id, person_id=person.id,
            level=Level.COLLECTIVE if programme else Level.INDIVIDUAL, kind=kind,
            question_key=state.question_key, words=deps.words,
            keep=[membership.project.name],
        ),
        project=membership.project,
    )  # fmt: skip
    if programme:
        return Handled(Reply.of("checkin.thanks_programme"), kept)
    return Handled(Reply.of("checkin.thanks", project=membership.project.name), kept)


# --- the buttons under a check-in; None when stale, forged or not theirs ------------------


@dataclass(frozen=True, slots=True)
class _Pressed:
    person: Person
    membership: Membership
    ours: dialogue.CheckingIn | None  # their state, when it waits on this very check-in
    busy: bool  # they are in the middle of something else


async def _newest(
    session: AsyncSession, telegram_id: int, membership_id: int, turn: int
) -> _Pressed | None:
    """Only the newest check-in's buttons count; an older message's are stale."""
    person = await people.find(session, telegram_id)
    if person is None:
        return None
    membership = await repo.participant_membership(session, membership_id, person.id)
    if membership is None or membership.project is None or membership.checkin_turn != turn + 1:
        return None
    person.checkins_unanswered = 0
    state = await dialogue.load(session, person.id)
    if not isinstance(state, dialogue.CheckingIn):
        return _Pressed(person, membership, None, busy=state is not None)
    ours = state.membership_id == membership_id and state.turn == turn
    return _Pressed(person, membership, state if ours else None, busy=False)


async def _settle(session: AsyncSession, deps: Deps, pressed: _Pressed, reply: Reply) -> Reply:
    # They have answered, or said not now: a later message is just a message.
    if pressed.ours is not None:
        await dialogue.save(session, pressed.person.id, None, deps.now())
    return reply


async def mood(
    session: AsyncSession, deps: Deps, telegram_id: int, tapped: buttons.CheckinMood
) -> Reply | None:
    pressed = await _newest(session, telegram_id, tapped.membership_id, tapped.turn)
    if pressed is None:
        return None
    person, membership = pressed.person, pressed.membership
    question = pressed.ours.question_key if pressed.ours else "checkin"
    assert membership.project_id is not None
    now = deps.now()
    # One mood per check-in: a made-up message id from (membership, turn), below zero so it can
    # never meet a real Telegram one, makes a double tap or a retried update store nothing new.
    # The mood is said in words too, for the spreadsheet and /mydata (which read a comment
    # without text as a voice message).
    label = deps.prompts.plain(f"buttons.checkin_{tapped.mood}", person.language)
    mood_note = NewComment(
        chat_id=person.telegram_id, message_id=-(membership.id * 1_000_000 + tapped.turn),
        created_at=now, text=deps.prompts.plain("checkin.mood_note", person.language, mood=label),
        voice_file_id=None, voice_seconds=None, project_id=membership.project_id,
        person_id=person.id, kind=Kind.MOOD, question_key="checkin", mood=MOODS[tapped.mood],
    )  # fmt: skip
    if await store_comment_once(session, mood_note) is None:
        return None
    thanks = Say(f"checkin.{tapped.mood}")
    if pressed.busy:
        return Reply((thanks,))  # they are in the middle of something else: don't ask more
    more = dialogue.CheckingIn(
        membership.id, tapped.turn, question, Kind.OTHER, CheckinStage.MORE, now
    )
    await dialogue.save(session, person.id, more, now)
    done_data = buttons.CheckinDone(membership.id, tapped.turn)
    done_button = Button(Say("buttons.checkin_done"), buttons.encode(done_data))
    return Reply((thanks, Say("checkin.more")), (done_button,))


async def away(
    session: AsyncSession, telegram_id: int, membership_id: int, turn: int
) -> Reply | None:
    if await _newest(session, telegram_id, membership_id, turn) is None:
        return None
    weeks = tuple(
        Button(
            Say(f"buttons.{label}"),
            buttons.encode(buttons.CheckinAwayFor(membership_id, turn, n)),
            i > 0,
        )
        for i, (n, label) in enumerate(AWAY_LABELS.items())
    )
    return Reply.of("checkin.away_ask", buttons=weeks)


async def snooze(
    session: AsyncSession, deps: Deps, telegram_id: int, membership_id: int, turn: int
) -> Reply | None:
    pressed = await _newest(session, telegram_id, membership_id, turn)
    if pressed is None:
        return None
    pressed.person.checkins_paused_until = deps.now() + SNOOZE
    return await _settle(session, deps, pressed, Reply.of("checkin.snoozed"))


async def away_for(
    session: AsyncSession, deps: Deps, telegram_id: int, chosen: buttons.CheckinAwayFor
) -> Reply | None:
    pressed = await _newest(session, telegram_id, chosen.membership_id, chosen.turn)
    if pressed is None or chosen.weeks not in AWAY_LABELS:
        return None
    pressed.person.checkins_paused_until = deps.now() + timedelta(weeks=chosen.weeks)
    return await _settle(session, deps, pressed, Reply.of("checkin.away", weeks=chosen.weeks))


async def done(
    session: AsyncSession, deps: Deps, telegram_id: int, membership_id: int, turn: int
) -> Reply | None:
    pressed = await _newest(session, telegram_id, membership_id, turn)
    if pressed is None:
        return None
    return await _settle(session, deps, pressed, Reply.of("checkin.done"))
