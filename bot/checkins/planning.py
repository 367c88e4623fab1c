"""Check-ins: now and then, a friendly message asking how a group is going (DESIGN section 2).

Planned from the database each minute, never from a timer: the rules are in bot.checkins.timing,
the outbox key is one per membership and local day, and the person row is locked while
deciding, so a re-run, a restart or a second planner never sends one twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot import delivery, questions
from bot.checkins.answers import MOODS
from bot.checkins.timing import (
    MAX_UNANSWERED,
    WEEKLY_CAP,
    due_at,
    in_hours,
    interleave,
    local_day,
    person_ready,
    pick,
)
from bot.core import Button, CheckinStage, Deps, Reply, Say, buttons, dialogue
from storage.db import Database
from storage.models import Kind, Membership, Person, Project
from storage.repositories import checkins as repo

CHECKINS_PER_TRANSACTION = 50
PRIORITY = 80  # before digests (100): a check-in is short and should arrive in its hours


@dataclass(frozen=True, slots=True)
class Asked:
    key: str  # stored as the answer's question_key
    text: str  # as people read it, unescaped
    kind: Kind
    programme_id: int | None = None


# "How are things?": words written straight under it are stored under the mood's own key.
HOW_ARE_THINGS = Asked("checkin", "", Kind.OTHER)


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
    # The question matches its buttons: "How are things?" has Good / OK / Not great; a
    # programme question is answered in words, so it has no moods to tap.
    if asked.programme_id is None:
        parts: tuple[Say, ...] = (
            Say("checkin.hello", {"project": project.name}),
            Say("checkin.how"),
        )
    else:
        parts = (
            Say("checkin.hello_programme"),
            Say("checkin.question", {"question": asked.text}),
            Say("checkin.write_back"),
        )
    choices = _buttons(membership.id, turn, moods=asked.programme_id is None)
    if not await delivery.enqueue(
        session, key=key, kind="checkin", chat_id=person.telegram_id, person_id=person.id,
        reply=Reply(parts, choices), now=now, language=lang, priority=PRIORITY,
    ):  # fmt: skip
        return False
    if asked.programme_id is not None:
        await repo.mark_asked(session, asked.programme_id, person.id, now)
    # Unanswered until they tap or write; two of those and they hear nothing more.
    person.last_checkin_at, person.checkins_unanswered = now, person.checkins_unanswered + 1
    membership.last_checkin_at, membership.checkin_turn = now, turn + 1
    state = await dialogue.load(session, person.id)
    if state is None or isinstance(state, dialogue.CheckingIn):  # never trample a conversation
        asking = dialogue.CheckingIn(
            membership.id, turn, asked.key, asked.kind, CheckinStage.ASKED, now
        )
        await dialogue.save(session, person.id, asking, now)
    return True


async def _question(
    session: AsyncSession, deps: Deps, person: Person, membership: Membership, project: Project
) -> Asked:
    """This turn's question: "How are things?", with programme-wide ones between."""
    shared = [
        Asked(questions.question_key(q.id), q.text, Kind.OTHER, q.id)
        for q in await repo.programme_questions(session, person.id)
    ]
    # Every other turn asks how things are, however many programme questions wait.
    own = [HOW_ARE_THINGS] * max(1, len(shared))
    return pick(membership.checkin_turn, interleave(own, shared))


def _buttons(membership_id: int, turn: int, *, moods: bool) -> tuple[Button, ...]:
    """Good / OK / Not great on one row (when it asks how things are), Not now / I'm away on
    the next."""
    tapped = [
        _button(f"checkin_{m}", i > 0, buttons.CheckinMood(membership_id, turn, m))
        for i, m in enumerate(MOODS if moods else ())
    ]
    later = [
        _button("checkin_snooze", False, buttons.CheckinSnooze(membership_id, turn)),
        _button("checkin_away", True, buttons.CheckinAway(membership_id, turn)),
    ]
    return (*tapped, *later)


def _button(label: str, beside: bool, data: buttons.ButtonData) -> Button:
    return Button(Say(f"buttons.{label}"), buttons.encode(data), beside)
