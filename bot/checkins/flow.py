"""Check-ins: now and then, a friendly message asking how a group is going (DESIGN section 2).

Planned from the database each minute, never from a timer: the rules are in bot.checkin_timing,
the outbox key is one per membership and local day, and the person row is locked while
deciding, so a re-run, a restart or a second planner never sends one twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot import delivery, questions
from bot.checkins.timing import (
    MAX_UNANSWERED,
    SNOOZE,
    WEEKLY_CAP,
    due_at,
    in_hours,
    interleave,
    local_day,
    person_ready,
    pick,
)
from bot.checkins.timing import (
    is_opt_out as is_opt_out,  # for conversation.message
)
from bot.core import Button, Deps, Incoming, Reply, Say, people
from bot.core import button_data as callbacks
from prompts.catalogue import question_key
from storage.db import Database
from storage.models import Comment, Kind, Level, Membership, Person, Project, Source
from storage.repositories import checkins as repo
from storage.repositories import comments, dialogues

STEP = "checkin"
CHECKINS_PER_TRANSACTION = 50
PRIORITY = 80  # before digests (100): a check-in is short and should arrive in its hours
MOODS = {"good": "good", "ok": "ok", "bad": "not_great"}
# A reply this long after the check-in is an ordinary message, not an answer to it.
ANSWER_WINDOW = timedelta(days=7)
AWAY_LABELS = {2: "checkin_two_weeks", 4: "checkin_four_weeks"}  # weeks away: button


@dataclass(frozen=True, slots=True)
class Asked:
    key: str  # stored as the answer's question_key
    text: str  # as people read it, unescaped
    kind: Kind
    programme_id: int | None = None


async def plan_checkins(db: Database, deps: Deps, now: datetime) -> int:
    """Queue every check-in due at `now`, at most one per person; how many were queued.

    Who is due is read without a write lock; they are then queued a few at a time, each few
    in its own short transaction, so a programme's worth of check-ins at once never keeps
    people's messages waiting for the lock.
    """
    async with db.reading() as session:
        found = await repo.candidates(session, now, now - WEEKLY_CAP, MAX_UNANSWERED)
        due: list[tuple[datetime, int, int]] = []
        for membership, person in found:
            project = membership.project
            when = due_at(membership, project) if project is not None else None
            if project is not None and when is not None and when <= now:
                due.append((when, membership.id, person.id))
    # Longest overdue first, so with two projects due the one that has waited longer goes.
    due.sort()
    queued = 0
    for first in range(0, len(due), CHECKINS_PER_TRANSACTION):
        async with db.transaction() as session:
            for _when, membership_id, person_id in due[first : first + CHECKINS_PER_TRANSACTION]:
                queued += await _plan_one(session, deps, membership_id, person_id, now)
    return queued


async def _plan_one(
    session: AsyncSession, deps: Deps, membership_id: int, person_id: int, now: datetime
) -> bool:
    membership = await session.get(Membership, membership_id)
    project = membership.project if membership is not None else None
    if membership is None or project is None:
        return False  # they left since the list was read
    tz = deps.project_timezone(project)
    if not in_hours(now, tz, project):
        return False
    # Read again under the lock: this sees a check-in just queued for their other
    # project in this run, or by another planner, and so keeps to one a week.
    locked = await repo.lock_person(session, person_id)
    if locked is None or not person_ready(locked, now):
        return False
    key = f"checkin:{membership.id}:{local_day(now, tz).isoformat()}"
    return await _queue(session, deps, key, membership, locked, project, now)


async def _queue(
    session: AsyncSession,
    deps: Deps,
    key: str,
    membership: Membership,
    person: Person,
    project: Project,
    now: datetime,
) -> bool:
    asked = await _question(session, deps, person, membership, project)
    lang, turn = person.language, membership.checkin_turn
    hello = "checkin.hello_programme" if asked.programme_id else "checkin.hello"
    parts = (
        Say(hello, {"project": project.name}),
        Say("checkin.question", {"question": asked.text}),
        Say("checkin.how"),
    )
    # Good / OK / Not great on one row, Not now / I'm away on the next.
    moods = [
        _button(f"checkin_{m}", i > 0, "chk", membership.id, turn, m) for i, m in enumerate(MOODS)
    ]
    later = [
        _button("checkin_snooze", False, "chksnooze", membership.id, turn),
        _button("checkin_away", True, "chkaway", membership.id, turn),
    ]
    if not await delivery.enqueue(
        session, key=key, kind="checkin", chat_id=person.telegram_id, person_id=person.id,
        reply=Reply(parts, (*moods, *later)), now=now, language=lang, priority=PRIORITY,
    ):  # fmt: skip
        return False
    if asked.programme_id is not None:
        await repo.mark_asked(session, asked.programme_id, person.id, now)
    # Unanswered until they tap or write; two of those and they hear nothing more.
    person.last_checkin_at, person.checkins_unanswered = now, person.checkins_unanswered + 1
    membership.last_checkin_at, membership.checkin_turn = now, turn + 1
    state = await dialogues.load_state(session, person.id)
    if not state or is_waiting(state):  # never trample a conversation in progress
        await _wait(
            session, person.id, now, membership_id=membership.id, turn=turn,
            question_key=asked.key, kind=asked.kind.value, stage="asked",
        )  # fmt: skip
    return True


async def _question(
    session: AsyncSession, deps: Deps, person: Person, membership: Membership, project: Project
) -> Asked:
    """This turn's question: the project's own, with programme-wide ones interleaved."""
    qset = deps.question_set(project.question_set)
    own = [
        Asked(q.key, deps.prompts.plain(question_key(qset.name, q.key)), Kind(q.kind))
        for q in qset.questions
    ]
    shared = [
        Asked(questions.question_key(q.id), q.text, Kind.OTHER, q.id)
        for q in await repo.programme_questions(session, person.id)
    ]
    return pick(membership.checkin_turn, interleave(own, shared))


def _button(label: str, beside: bool, action: str, *args: object) -> Button:
    return Button(Say(f"buttons.{label}"), callbacks.encode(action, *args), beside)


async def _wait(session: AsyncSession, person_id: int, now: datetime, **fields: object) -> None:
    """Their next message may answer the check-in described by `fields`."""
    state = {"step": STEP, **fields, "at": now.isoformat()}
    await dialogues.save_state(session, person_id, state, now)


def is_waiting(state: dict[str, Any]) -> bool:
    """True when their next message may be the answer to a check-in."""
    return state.get("step") == STEP


async def heard_from(session: AsyncSession, person: Person) -> None:
    """Anything they send counts as an answer: the back-off starts again from nothing."""
    if person.checkins_unanswered:
        person.checkins_unanswered = 0


async def answer(
    session: AsyncSession, deps: Deps, person: Person, state: dict[str, Any], incoming: Incoming
) -> Reply | None:
    """Store a check-in answer; None (state cleared) if it no longer fits: treat it as usual."""
    now = deps.now()
    await dialogues.save_state(session, person.id, {}, now)
    membership = await repo.participant_membership(session, int(state["membership_id"]), person.id)
    if membership is None or membership.project is None:
        return None
    if datetime.fromisoformat(str(state["at"])) + ANSWER_WINDOW < now:
        return None
    key = str(state["question_key"])
    programme = key.startswith("programme:")
    # Written straight under the question: it answers that. After a mood tap: anything at all.
    kind = Kind(state["kind"]) if state.get("stage") == "asked" else Kind.OTHER
    await comments.add_comment(
        session,
        Comment(
            project_id=membership.project_id, person_id=person.id, source=Source.PARTICIPANT,
            level=Level.COLLECTIVE if programme else Level.INDIVIDUAL, kind=kind,
            question_key=key, text=incoming.text, voice_file_id=incoming.voice_file_id,
            voice_seconds=incoming.voice_seconds, chat_id=incoming.chat_id,
            message_id=incoming.message_id, flagged=False, created_at=now,
        ),
    )  # fmt: skip
    if programme:
        return Reply.of("checkin.thanks_programme")
    return Reply.of("checkin.thanks", project=membership.project.name)


async def pressed(
    session: AsyncSession, deps: Deps, telegram_id: int, action: str, args: tuple[str, ...]
) -> Reply | None:
    """A check-in or opt-out button; None when it is stale, forged or not theirs."""
    person = await people.find(session, telegram_id)
    if person is None:
        return None
    if action == "optout":
        return _opt_out_answer(person, args[0])
    membership = await repo.participant_membership(session, int(args[0]), person.id)
    turn = int(args[1])
    # Only the newest check-in's buttons count; an older message's are stale.
    if membership is None or membership.project is None or membership.checkin_turn != turn + 1:
        return None
    person.checkins_unanswered = 0
    now, mid = deps.now(), membership.id
    state = await dialogues.load_state(session, person.id)
    ours = is_waiting(state) and state.get("membership_id") == mid and state.get("turn") == turn
    match action:
        case "chk":
            busy = bool(state) and not is_waiting(state)
            key = str(state["question_key"]) if ours else "checkin"
            return await _mood(session, deps, person, membership, turn, args[2], key, busy)
        case "chkaway":
            weeks = tuple(
                Button(Say(f"buttons.{label}"), callbacks.encode("chkweeks", mid, turn, n), i > 0)
                for i, (n, label) in enumerate(AWAY_LABELS.items())
            )
            return Reply.of("checkin.away_ask", buttons=weeks)
        case "chksnooze":
            person.checkins_paused_until = now + SNOOZE
            reply = Reply.of("checkin.snoozed")
        case "chkweeks" if int(args[2]) in AWAY_LABELS:
            person.checkins_paused_until = now + timedelta(weeks=int(args[2]))
            reply = Reply.of("checkin.away", weeks=int(args[2]))
        case "chkdone":
            reply = Reply.of("checkin.done")
        case _:
            return None
    if ours:  # they have answered, or said not now: a later message is just a message
        await dialogues.save_state(session, person.id, {}, now)
    return reply


async def _mood(
    session: AsyncSession,
    deps: Deps,
    person: Person,
    membership: Membership,
    turn: int,
    choice: str,
    question: str,
    busy: bool,
) -> Reply | None:
    assert membership.project_id is not None
    now = deps.now()
    # One mood per check-in: a made-up message id from (membership, turn), below zero so it can
    # never meet a real Telegram one, makes a double tap or a retried update store nothing new.
    label = deps.prompts.plain(f"buttons.checkin_{choice}", person.language)
    stored = await repo.add_mood(
        session, person_id=person.id, project_id=membership.project_id, mood=MOODS[choice],
        text=deps.prompts.plain("checkin.mood_note", person.language, mood=label),
        chat_id=person.telegram_id, message_id=-(membership.id * 1_000_000 + turn), now=now,
    )  # fmt: skip
    if not stored:
        return None
    thanks = Say(f"checkin.{choice}")
    if busy:
        return Reply((thanks,))  # they are in the middle of something else: don't ask more
    await _wait(
        session, person.id, now, membership_id=membership.id, turn=turn,
        question_key=question, kind=Kind.OTHER.value, stage="more",
    )  # fmt: skip
    done = Button(Say("buttons.checkin_done"), callbacks.encode("chkdone", membership.id, turn))
    return Reply((thanks, Say("checkin.more")), (done,))


# --- "stop" in plain words ---------------------------------------------------------------


async def opt_out(session: AsyncSession, deps: Deps, person: Person) -> Reply:
    """Ask once to be sure, as a plain 'stop' may have been meant for someone else."""
    if person.paused:
        return Reply.of("optout.already")
    yes = Button(Say("buttons.optout_yes"), callbacks.encode("optout", "yes"))
    no = Button(Say("buttons.optout_no"), callbacks.encode("optout", "no"), beside=True)
    return Reply.of("optout.ask", buttons=(yes, no))


def _opt_out_answer(person: Person, choice: str) -> Reply:
    if choice != "yes":
        return Reply.of("optout.kept")
    person.paused = True
    return Reply.of("optout.done")
