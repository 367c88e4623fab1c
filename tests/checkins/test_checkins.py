"""Check-ins under time travel: hours, Sundays, clock changes, the weekly cap, back-off, snooze,
away, rotation, answers, stale buttons and plain-word opt-outs."""

from __future__ import annotations

import asyncio
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, select, update
from sqlalchemy.engine import Connection

from bot import checkins, conversation
from bot.checkins import timing as checkin_timing
from bot.core import Deps, Incoming, Press, Reply, dialogue
from bot.core import buttons as callbacks
from bot.language import load_opt_out
from prompts import PromptError
from storage.db import READ_ONLY, Database
from storage.models import (
    Comment,
    Dialogue,
    Kind,
    Level,
    Membership,
    Outbox,
    Person,
    ProgrammeQuestion,
    Project,
    QuestionAsked,
    Role,
    Source,
)
from storage.repositories import dialogues
from tests.support.harness import Harness
from tests.support.outbox import told
from tests.support.seed import seed_project
from tests.support.team import add_member

# The check-in buttons in the format sent from the start: buttons already on people's phones.
CHECKIN_PATTERNS = {
    "chk": re.compile(r"^chk:(\d{1,9}):(\d{1,6}):(good|ok|bad)$"),
    "chksnooze": re.compile(r"^chksnooze:(\d{1,9}):(\d{1,6})$"),
    "chkaway": re.compile(r"^chkaway:(\d{1,9}):(\d{1,6})$"),
    "chkweeks": re.compile(r"^chkweeks:(\d{1,9}):(\d{1,6}):(2|4)$"),
    "chkdone": re.compile(r"^chkdone:(\d{1,9}):(\d{1,6})$"),
    "optout": re.compile(r"^optout:(yes|no)$"),
}

ANN, BEN = 7100, 7200
# Winter: London is on GMT, so 10:00 local is 10:00 UTC. 2 Nov 2026 is a Monday.
OPT_OUT = load_opt_out()  # the shipped prompts/optout.yaml
JOINED = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)
DUE = JOINED + timedelta(days=14)  # Monday 16 Nov, 08:00: due, but before the hours


def test_the_checkin_buttons_are_wired_in_their_first_format() -> None:
    for action, pattern in CHECKIN_PATTERNS.items():
        assert callbacks.PATTERNS[action].pattern == pattern.pattern


def deps_of(harness: Harness) -> Deps:
    return harness.app.bot_data.deps


async def project(harness: Harness, slug: str = "firth-park", **settings: Any) -> int:
    seeded = await seed_project(harness.db, slug=slug, name=f"Group {slug}", now=JOINED)
    if settings:
        async with harness.db.transaction() as session:
            await session.execute(
                update(Project).where(Project.id == seeded.project_id).values(**settings)
            )
    return seeded.project_id


async def member(harness: Harness, project_id: int, telegram_id: int = ANN, **person: Any) -> int:
    """A participant who joined at JOINED; returns their person id."""
    person_id = await add_member(
        harness.db, telegram_id, project_id, Role.PARTICIPANT, JOINED, f"T{telegram_id}"
    )
    if person:
        await set_person(harness, person_id, **person)
    return person_id


async def set_person(harness: Harness, person_id: int, **values: Any) -> None:
    async with harness.db.transaction() as session:
        await session.execute(update(Person).where(Person.id == person_id).values(**values))


async def plan(harness: Harness, at: datetime) -> int:
    harness.clock.moment = at
    return await checkins.plan_checkins(harness.db, deps_of(harness), at)


async def checkins_sent(harness: Harness) -> list[Outbox]:
    rows = await harness.rows(Outbox, Outbox.kind == "checkin")
    return sorted(rows, key=lambda r: r.id)


async def person(harness: Harness, person_id: int) -> Person:
    async with harness.db.transaction() as session:
        found = await session.get(Person, person_id)
    assert found is not None
    return found


async def press(harness: Harness, user: int, data: str, at: datetime | None = None) -> Reply | None:
    if at is not None:
        harness.clock.moment = at
    assert callbacks.decode(data) is not None, data
    async with harness.db.transaction() as session:
        press = Press(user, data, "en", "natter_test_bot")
        return await conversation.pressed(session, deps_of(harness), press)


def button(row: Outbox, label: str) -> str:
    return next(data for line in told(row).buttons for text, data in line if text == label)


def keys(reply: Reply | None) -> list[str]:
    assert reply is not None
    return [say.key for say in reply.parts]


async def write(harness: Harness, person_id: int, text: str, message_id: int) -> Reply | None:
    """What conversation.receive does with a text in a check-in: heard_from, then the answer."""
    async with harness.db.transaction() as session:
        found = await session.get(Person, person_id)
        assert found is not None
        await checkins.heard_from(session, found)
        state = await dialogue.load(session, person_id)
        assert isinstance(state, dialogue.CheckingIn)
        incoming = Incoming(found.telegram_id, found.telegram_id, message_id, text=text)
        handled = await checkins.answer(session, deps_of(harness), found, state, incoming)
        return handled.reply if handled is not None else None


# --- hours, Sundays and clock changes -----------------------------------------------------


async def test_a_crowd_due_at_once_is_queued_in_short_transactions(harness: Harness) -> None:
    """Everyone due gets one check-in, written a few at a time so the write lock is never
    held for the whole crowd (a message arriving meanwhile would wait for it)."""
    cafe = await project(harness)
    crowd = 2 * checkins.CHECKINS_PER_TRANSACTION + 7
    for n in range(crowd):
        await member(harness, cafe, telegram_id=ANN + 1 + n)
    begun: list[str] = []

    def seen(connection: Connection) -> None:
        reader = connection.get_execution_options().get(READ_ONLY)
        begun.append("read" if reader else "write")

    event.listen(harness.db.engine.sync_engine, "begin", seen)
    try:
        assert await plan(harness, DUE.replace(hour=10)) == crowd
    finally:
        event.remove(harness.db.engine.sync_engine, "begin", seen)
    sent = await checkins_sent(harness)
    assert len({row.chat_id for row in sent}) == len(sent) == crowd
    assert begun == ["read", "write", "write", "write"]  # one read, then a write per few


async def test_due_at_ten_london_time_not_a_minute_before(harness: Harness) -> None:
    await member(harness, await project(harness))
    assert await plan(harness, DUE) == 0  # 08:00: due, but too early in the day
    assert await plan(harness, DUE.replace(hour=9, minute=59)) == 0
    assert await checkins_sent(harness) == []
    assert await plan(harness, DUE.replace(hour=10)) == 1
    (row,) = await checkins_sent(harness)
    assert row.chat_id == ANN and row.priority == 80 and row.status.value == "pending"
    assert "Group firth-park" in told(row).text
    # The question matches its buttons (issue 16, point 6).
    assert "How are things?" in told(row).text and "What did you enjoy" not in told(row).text
    assert [[label for label, _ in line] for line in told(row).buttons] == [
        ["Good", "OK", "Not great"],
        ["Not now", "I'm away"],
    ]


async def test_never_at_or_after_seven_in_the_evening(harness: Harness) -> None:
    await member(harness, await project(harness))
    for hour, minute in ((19, 0), (21, 30), (23, 59)):
        assert await plan(harness, DUE.replace(hour=hour, minute=minute)) == 0
    assert await plan(harness, DUE + timedelta(days=1, hours=1, minutes=59)) == 0  # 09:59
    assert await plan(harness, DUE.replace(hour=18, minute=59) + timedelta(days=1)) == 1


async def test_hours_can_be_set_per_project(harness: Harness) -> None:
    await member(harness, await project(harness, checkin_from="14:00", checkin_until="16:00"))
    assert await plan(harness, DUE.replace(hour=13, minute=59)) == 0
    assert await plan(harness, DUE.replace(hour=16)) == 0
    assert await plan(harness, DUE.replace(hour=15, minute=59)) == 1


@pytest.mark.parametrize("sundays", [False, True])
async def test_not_on_sunday_unless_the_project_allows(harness: Harness, sundays: bool) -> None:
    pid = await project(harness, checkin_sundays=sundays)
    person_id = await member(harness, pid)
    # Due on Saturday 14 Nov at 20:00, after the hours; the next morning is a Sunday.
    async with harness.db.transaction() as session:
        await session.execute(
            update(Membership)
            .where(Membership.person_id == person_id)
            .values(joined_at=datetime(2026, 10, 31, 20, 0, tzinfo=UTC))
        )
    sunday_ten = datetime(2026, 11, 15, 10, 0, tzinfo=UTC)
    assert sunday_ten.weekday() == 6
    assert await plan(harness, sunday_ten) == int(sundays)
    assert await plan(harness, sunday_ten + timedelta(hours=8)) == 0  # sent, or still Sunday
    assert await plan(harness, sunday_ten + timedelta(days=1)) == int(not sundays)


async def test_ten_oclock_in_summer_is_nine_utc(harness: Harness) -> None:
    await member(harness, await project(harness))
    async with harness.db.transaction() as session:
        await session.execute(
            update(Membership).values(joined_at=datetime(2026, 6, 1, 8, 0, tzinfo=UTC))
        )
    monday = datetime(2026, 6, 15, tzinfo=UTC)
    assert await plan(harness, monday.replace(hour=8, minute=59)) == 0  # 09:59 BST
    assert await plan(harness, monday.replace(hour=9)) == 1  # 10:00 BST


async def test_across_the_clock_change_it_waits_for_ten_on_the_clock(harness: Harness) -> None:
    """Due at 09:00 UTC on the Monday after the clocks went back (25 Oct): 09:00 GMT, too early."""
    await member(harness, await project(harness))
    async with harness.db.transaction() as session:
        await session.execute(
            update(Membership).values(joined_at=datetime(2026, 10, 12, 9, 0, tzinfo=UTC))
        )
    monday = datetime(2026, 10, 26, tzinfo=UTC)
    assert await plan(harness, monday.replace(hour=9)) == 0
    assert await plan(harness, monday.replace(hour=9, minute=59)) == 0
    assert await plan(harness, monday.replace(hour=10)) == 1


async def test_the_projects_own_time_zone_counts(harness: Harness) -> None:
    await member(harness, await project(harness, timezone="America/New_York"))
    # 10:00 in London is 05:00 in New York; 15:00 UTC is 10:00 there.
    assert await plan(harness, DUE.replace(hour=10)) == 0
    assert await plan(harness, DUE.replace(hour=14, minute=59)) == 0
    assert await plan(harness, DUE.replace(hour=15)) == 1


# --- rhythm, weekly cap, back-off ---------------------------------------------------------


async def test_every_fourteen_days_by_default(harness: Harness) -> None:
    person_id = await member(harness, await project(harness))
    first = DUE.replace(hour=10) + timedelta(days=1)  # Tuesday 17 Nov
    assert await plan(harness, first - timedelta(days=1, minutes=1)) == 0  # day 13 of 14
    assert await plan(harness, first) == 1
    await set_person(harness, person_id, checkins_unanswered=0)
    assert await plan(harness, first + timedelta(days=13, hours=8, minutes=59)) == 0  # 18:59
    assert await plan(harness, first + timedelta(days=14)) == 1
    assert len(await checkins_sent(harness)) == 2


async def test_one_a_week_across_two_projects(harness: Harness) -> None:
    cafe, walk = await project(harness, "cafe"), await project(harness, "walk")
    person_id = await member(harness, cafe)
    async with harness.db.transaction() as session:
        session.add(
            Membership(
                person_id=person_id, project_id=walk, role=Role.PARTICIPANT, joined_at=JOINED
            )
        )
    ten = DUE.replace(hour=10)
    assert await plan(harness, ten) == 1  # both due: one prompt
    for later in (timedelta(hours=1), timedelta(days=3), timedelta(days=6, hours=8)):
        assert await plan(harness, ten + later) == 0
    assert len(await checkins_sent(harness)) == 1
    assert await plan(harness, ten + timedelta(days=7)) == 1  # the other project, a week on
    first, second = await checkins_sent(harness)
    assert {first.key.split(":")[1], second.key.split(":")[1]} == {
        str(m.id) for m in await harness.rows(Membership)
    }


async def test_two_unanswered_and_they_stop_until_they_write(harness: Harness) -> None:
    person_id = await member(harness, await project(harness, checkin_every_days=7))
    ten = DUE.replace(hour=10)
    assert await plan(harness, ten) == 1
    assert await plan(harness, ten + timedelta(days=7)) == 1
    for week in (14, 21, 28):
        assert await plan(harness, ten + timedelta(days=week)) == 0
    assert (await person(harness, person_id)).checkins_unanswered == 2
    async with harness.db.transaction() as session:
        found = await session.get(Person, person_id)
        assert found is not None
        await checkins.heard_from(session, found)  # they wrote something
    assert await plan(harness, ten + timedelta(days=28, minutes=1)) == 1


async def test_answering_resets_the_back_off(harness: Harness) -> None:
    person_id = await member(harness, await project(harness, checkin_every_days=7))
    ten = DUE.replace(hour=10)
    for week in range(4):
        assert await plan(harness, ten + timedelta(days=7 * week)) == 1
        row = (await checkins_sent(harness))[-1]
        assert await press(harness, ANN, button(row, "OK")) is not None
        assert (await person(harness, person_id)).checkins_unanswered == 0


async def test_a_rerun_at_the_same_moment_adds_nothing(harness: Harness) -> None:
    person_id = await member(harness, await project(harness))
    ten = DUE.replace(hour=10)
    assert await plan(harness, ten) == 1
    assert await plan(harness, ten) == 0
    # Even with the person's counters lost, the outbox key stops a second one that day.
    await set_person(harness, person_id, last_checkin_at=None, checkins_unanswered=0)
    async with harness.db.transaction() as session:
        await session.execute(update(Membership).values(last_checkin_at=None))
    assert await plan(harness, ten + timedelta(hours=2)) == 0
    assert len(await checkins_sent(harness)) == 1


async def test_two_planners_at_once_send_one(harness: Harness, database_url: str) -> None:
    cafe, walk = await project(harness, "cafe"), await project(harness, "walk")
    person_id = await member(harness, cafe)
    async with harness.db.transaction() as session:
        session.add(
            Membership(
                person_id=person_id, project_id=walk, role=Role.PARTICIPANT, joined_at=JOINED
            )
        )
    other = Database(database_url)
    ten = DUE.replace(hour=10)

    async def planner(db: Database) -> int:
        return await checkins.plan_checkins(db, deps_of(harness), ten)

    try:
        results = await asyncio.gather(planner(harness.db), planner(other))
    finally:
        await other.dispose()
    assert sorted(results) == [0, 1]
    assert len(await checkins_sent(harness)) == 1


# --- who gets none ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "ready"),
    [
        ({}, True),
        ({"paused": True}, False),
        ({"unreachable": True}, False),
        ({"checkins_unanswered": 1}, True),
        ({"checkins_unanswered": 2}, False),
        ({"checkins_paused_until": DUE}, True),
        ({"checkins_paused_until": DUE + timedelta(seconds=1)}, False),
        ({"last_checkin_at": DUE - timedelta(days=7)}, True),
        ({"last_checkin_at": DUE - timedelta(days=7) + timedelta(seconds=1)}, False),
    ],
)
def test_the_person_rules_checked_under_the_lock(values: dict[str, Any], ready: bool) -> None:
    """The same rules the planner's query narrows by, as re-checked once the person is locked."""
    base: dict[str, Any] = {
        "paused": False, "unreachable": False, "checkins_unanswered": 0,
        "checkins_paused_until": None, "last_checkin_at": None,
    }  # fmt: skip
    assert checkin_timing.person_ready(Person(**{**base, **values}), DUE) is ready


@pytest.mark.parametrize(
    "person_values",
    [{"paused": True}, {"unreachable": True}],
    ids=["stopped", "blocked the bot"],
)
async def test_stopped_or_unreachable_people_get_none(
    harness: Harness, person_values: dict[str, Any]
) -> None:
    pid = await project(harness)
    await member(harness, pid, **person_values)
    await member(harness, pid, BEN)
    assert await plan(harness, DUE.replace(hour=10)) == 1
    assert [r.chat_id for r in await checkins_sent(harness)] == [BEN]


async def test_staff_and_volunteers_get_none(harness: Harness) -> None:
    pid = await project(harness)
    await add_member(harness.db, BEN, pid, Role.STAFF, JOINED, "S1")
    await add_member(harness.db, ANN, pid, Role.VOLUNTEER, JOINED, "V1")
    assert await plan(harness, DUE.replace(hour=10)) == 0


async def test_not_now_snoozes_a_week(harness: Harness) -> None:
    await member(harness, await project(harness, checkin_every_days=7))
    ten = DUE.replace(hour=10)
    assert await plan(harness, ten) == 1
    (row,) = await checkins_sent(harness)
    snoozed_at = ten + timedelta(days=3)
    assert keys(await press(harness, ANN, button(row, "Not now"), snoozed_at)) == [
        "checkin.snoozed"
    ]
    assert await plan(harness, ten + timedelta(days=7)) == 0  # due again, but snoozed
    assert await plan(harness, snoozed_at + timedelta(days=7, minutes=-1)) == 0
    assert await plan(harness, snoozed_at + timedelta(days=7)) == 1


@pytest.mark.parametrize("weeks", [2, 4])
async def test_away_pauses_for_two_or_four_weeks(harness: Harness, weeks: int) -> None:
    await member(harness, await project(harness, checkin_every_days=7))
    ten = DUE.replace(hour=10)
    assert await plan(harness, ten) == 1
    (row,) = await checkins_sent(harness)
    asked = await press(harness, ANN, button(row, "I'm away"), ten + timedelta(hours=1))
    assert keys(asked) == ["checkin.away_ask"] and asked is not None
    labels = [deps_of(harness).prompts.plain(b.label.key) for b in asked.buttons]
    assert labels == ["2 weeks", "4 weeks"]
    choice = asked.buttons[[2, 4].index(weeks)].data
    away = await press(harness, ANN, choice, ten + timedelta(hours=1))
    assert away is not None and away.parts[0].params == {"weeks": weeks}
    back = ten + timedelta(weeks=weeks, hours=1)
    for days in range(7, 7 * weeks, 7):
        assert await plan(harness, ten + timedelta(days=days)) == 0
    assert await plan(harness, back - timedelta(minutes=1)) == 0
    assert await plan(harness, back) == 1


# --- what is asked, and the answers -------------------------------------------------------


async def test_rotation_takes_in_a_programme_question(harness: Harness) -> None:
    person_id = await member(harness, await project(harness))
    async with harness.db.transaction() as session:
        question = ProgrammeQuestion(
            text="How do you get to your group?", active=True, created_at=JOINED
        )
        session.add(question)
        await session.flush()
        question_id = question.id
    at = DUE.replace(hour=10)
    for _ in range(3):
        assert await plan(harness, at) == 1
        await set_person(harness, person_id, checkins_unanswered=0)
        at += timedelta(days=14)
    first, second, third = (told(r) for r in await checkins_sent(harness))
    assert "How are things?" in first.text
    assert "How do you get to your group?" in second.text and "every group" in second.text
    assert "How are things?" not in second.text
    # Asked in words, so no moods to tap: only "Not now" and "I'm away".
    assert [[label for label, _ in line] for line in second.buttons] == [["Not now", "I'm away"]]
    assert "How do you get to your group?" not in third.text and "How are things?" in third.text
    asked = await harness.rows(QuestionAsked)
    assert [(a.question_id, a.person_id) for a in asked] == [(question_id, person_id)]


async def test_writing_back_answers_the_question(harness: Harness) -> None:
    person_id = await member(harness, await project(harness))
    await plan(harness, DUE.replace(hour=10))
    state = await _state(harness, person_id)
    assert state["step"] == "checkin" and state["question_key"] == "checkin"
    reply = await write(harness, person_id, "The new biscuits", message_id=41)
    assert keys(reply) == ["checkin.thanks"]
    (comment,) = await harness.rows(Comment)
    assert (comment.text, comment.kind, comment.question_key) == (
        "The new biscuits",
        Kind.OTHER,
        "checkin",
    )
    assert comment.level is Level.INDIVIDUAL and comment.source is Source.PARTICIPANT
    assert await _state(harness, person_id) == {}


@pytest.mark.parametrize(("label", "mood"), [("Good", "good"), ("Not great", "not_great")])
async def test_mood_is_stored_then_anything_else(harness: Harness, label: str, mood: str) -> None:
    pid = await project(harness)
    person_id = await member(harness, pid)
    await plan(harness, DUE.replace(hour=10))
    (row,) = await checkins_sent(harness)
    reply = await press(harness, ANN, button(row, label))
    assert keys(reply)[1:] == ["checkin.more"] and reply is not None
    assert deps_of(harness).prompts.plain(reply.buttons[0].label.key) == "No, that's all"
    (stored,) = await harness.rows(Comment)
    assert (stored.kind, stored.mood, stored.project_id, stored.person_id) == (
        Kind.MOOD,
        mood,
        pid,
        person_id,
    )
    assert stored.level is Level.INDIVIDUAL and stored.question_key == "checkin"
    assert stored.text == f"Check-in: {label}"  # read as words, never as a voice message
    assert stored.chat_id == ANN and stored.message_id < 0
    assert (await person(harness, person_id)).checkins_unanswered == 0
    assert keys(await write(harness, person_id, "The hall was cold", 42)) == ["checkin.thanks"]
    extra = next(c for c in await harness.rows(Comment) if c.id != stored.id)
    assert (extra.text, extra.kind, extra.question_key) == (
        "The hall was cold",
        Kind.OTHER,
        "checkin",
    )


async def test_no_thats_all_closes_it(harness: Harness) -> None:
    person_id = await member(harness, await project(harness))
    await plan(harness, DUE.replace(hour=10))
    (row,) = await checkins_sent(harness)
    reply = await press(harness, ANN, button(row, "OK"))
    assert reply is not None
    assert keys(await press(harness, ANN, reply.buttons[0].data)) == ["checkin.done"]
    assert await _state(harness, person_id) == {}


async def test_a_conversation_in_progress_is_left_alone(harness: Harness) -> None:
    pid = await project(harness)
    person_id = await member(harness, pid)
    busy = {"step": "questions", "project_id": pid, "index": 2}
    async with harness.db.transaction() as session:
        await dialogues.save_state(session, person_id, busy, JOINED)
    assert await plan(harness, DUE.replace(hour=10)) == 1
    assert await _state(harness, person_id) == busy
    (row,) = await checkins_sent(harness)
    reply = await press(harness, ANN, button(row, "Good"))
    assert keys(reply) == ["checkin.good"]  # thanked, but not asked for more
    assert await _state(harness, person_id) == busy


async def test_a_late_reply_is_an_ordinary_message(harness: Harness) -> None:
    person_id = await member(harness, await project(harness))
    await plan(harness, DUE.replace(hour=10))
    harness.clock.moment = DUE + timedelta(days=8)
    assert await write(harness, person_id, "Hello", 43) is None
    assert await harness.rows(Comment) == [] and await _state(harness, person_id) == {}


async def _state(harness: Harness, person_id: int) -> dict[str, Any]:
    async with harness.db.transaction() as session:
        found = await session.scalar(select(Dialogue.state).where(Dialogue.person_id == person_id))
        return dict(found or {})


# --- stale and forged buttons -------------------------------------------------------------


async def test_stale_forged_and_repeated_presses_do_nothing(harness: Harness) -> None:
    pid = await project(harness, checkin_every_days=7)
    ann = await member(harness, pid)
    await member(harness, pid, BEN)
    ten = DUE.replace(hour=10)
    await plan(harness, ten)
    ann_row, ben_row = sorted(await checkins_sent(harness), key=lambda r: r.chat_id)
    good = button(ann_row, "Good")
    assert await press(harness, BEN, good) is None  # Ann's button, pressed by Ben
    assert await press(harness, 9999, good) is None  # somebody we never met
    mid = good.split(":")[1]
    assert await press(harness, ANN, f"chk:{mid}:7:good") is None  # a check-in never sent
    assert await press(harness, ANN, f"chk:{int(mid) + 99}:0:good") is None  # no such membership
    assert await harness.rows(Comment) == []
    assert await press(harness, ANN, good) is not None
    assert await press(harness, ANN, good) is None  # a double tap stores one mood
    assert await press(harness, ANN, button(ann_row, "Not great")) is None
    await set_person(harness, ann, checkins_unanswered=0)
    await plan(harness, ten + timedelta(days=7))
    assert await press(harness, ANN, button(ann_row, "Not now")) is None  # last week's
    assert (await person(harness, ann)).checkins_paused_until is None
    assert len(await harness.rows(Comment)) == 1
    assert await press(harness, BEN, button(ben_row, "OK")) is None  # Ben has a newer one too
    newest = [r for r in await checkins_sent(harness) if r.chat_id == BEN][-1]
    assert await press(harness, BEN, button(newest, "OK")) is not None


async def test_a_staff_membership_is_not_a_check_in(harness: Harness) -> None:
    pid = await project(harness)
    await add_member(harness.db, BEN, pid, Role.STAFF, JOINED, "S1")
    (staff,) = await harness.rows(Membership)
    assert await press(harness, BEN, f"chk:{staff.id}:0:good") is None


# --- "stop" in plain words ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "stop",
        "Stop",
        "Stop!",
        "stop please",
        "Please STOP.",
        "no more",
        "no more messages",
        "please leave me alone",
        "Leave me alone!",
        "UNSUBSCRIBE",
        "don't message me",
        "dont message me",
        "Don\u2019t message me any more, thank you.",
        "st\u200bop",  # a zero-width space
        "\u0455t\u043ep",  # Cyrillic letters that look Latin
        "unsub\u00adscribe",  # a soft hyphen
    ],
)
def test_plain_words_that_mean_stop(text: str) -> None:
    assert checkins.is_opt_out(OPT_OUT, text)


@pytest.mark.parametrize(
    "text",
    [
        "the bus doesn't stop near the hall",
        "I'd like no more cake",
        "Stop the music at 3 please, it's too loud",
        "thanks",
        "please",
        "no",
        "",
        None,
        "I love being left alone with a book",
    ],
)
def test_ordinary_sentences_are_not_stop(text: str | None) -> None:
    assert not checkins.is_opt_out(OPT_OUT, text)


def test_partners_can_add_phrases_and_mistakes_name_the_line(tmp_path: Path) -> None:
    added = tmp_path / "optout.yaml"
    added.write_text("phrases:\n  - go away\nextras:\n  - please\n")
    phrases = load_opt_out(added)
    assert phrases.matches("Go away, please!") and not phrases.matches("go away for a week")
    typo = tmp_path / "typo.yaml"
    typo.write_text("phrases:\n  - stop\nextra:\n  - please\n")
    with pytest.raises(PromptError, match="unknown section 'extra'") as err:
        load_opt_out(typo)
    assert err.value.line == 4


async def test_plain_stop_is_confirmed_then_pauses(harness: Harness) -> None:
    pid = await project(harness)
    person_id = await member(harness, pid)
    async with harness.db.transaction() as session:
        found = await session.get(Person, person_id)
        assert found is not None
        ask = await checkins.opt_out(session, deps_of(harness), found)
    assert keys(ask) == ["optout.ask"]
    assert [b.data for b in ask.buttons] == ["optout:yes", "optout:no"]
    assert keys(await press(harness, ANN, "optout:no")) == ["optout.kept"]
    assert not (await person(harness, person_id)).paused
    done = await press(harness, ANN, "optout:yes")
    assert keys(done) == ["optout.done"] and "/start" in deps_of(harness).prompts.plain(
        "optout.done"
    )
    assert (await person(harness, person_id)).paused
    assert await plan(harness, DUE.replace(hour=10)) == 0
    async with harness.db.transaction() as session:
        found = await session.get(Person, person_id)
        assert found is not None
        assert keys(await checkins.opt_out(session, deps_of(harness), found)) == ["optout.already"]
    assert await press(harness, 9999, "optout:yes") is None
