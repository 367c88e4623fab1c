"""Thousands of odd updates through the real handlers: nothing raises, every reply keeps to
Telegram's limits, a group hears nothing but the one-line pointer, and memory stays steady.

The updates come from tests/support/strategies.py. The bot is first driven through joining once
(a participant mid-questions, one volunteer at "how many people", one mid-note, staff mid-reply
and mid-report, the programme team mid-question) and what it stored is kept. Each hypothesis
example restores that on emptied tables, starts its own application, picks a few of those people
and a few kinds of update to concentrate on (swarm testing), and feeds a batch, checking after
every update. The memory test instead keeps one application running, as `natter run` does.

When the fuzz finds a bug, hypothesis prints the shortest run of updates it could find; the last
one is in the assertion with the traceback. Keep it in FOUND below, so it fails everywhere.
"""

from __future__ import annotations

import asyncio
import copy
import json
import time
import traceback
import tracemalloc
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

import pytest
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from sqlalchemy import Table, select, text
from telegram.ext import CommandHandler

from bot.core import buttons as callbacks
from bot.joining import invites
from bot.runtime.app import ALLOWED_UPDATES
from bot.runtime.root import Texts
from bot.runtime.settings import Settings
from prompts import Prompts
from storage.db import Database
from storage.models import Base, Role
from tests.support import strategies
from tests.support.harness import Harness, joined
from tests.support.html_check import html_errors, telegram_length
from tests.support.offline import BOT_USER, Call
from tests.support.seed import seed_project
from tests.support.strategies import BUTTONS, SWARM, UPDATE_KINDS, Json, World, updates

T = TypeVar("T")

BATCH = 40  # updates per hypothesis example
EXAMPLES = 130  # examples in the fuzz test
MINIMUM = 5000  # updates fed by the fuzz test, at least (an example that draws too much stops)
SOAK_BATCHES = 30  # batches through one long-running application
SOAK_MINIMUM = 1000
WARM_UP = 5  # batches before the memory baseline is taken
MEMORY_BOUND = 20 * 2**20  # bytes the bot may grow by over the soak

PARTICIPANT, COUNTING, NOTING, STAFF, REPORTING, PROGRAMME = 9101, 9102, 9103, 9104, 9105, 9106
SENDS = {"sendMessage", "sendDocument", "sendPhoto"}
MENUS = {"setMyCommands", "deleteMyCommands"}  # a chat's own command menu (bot.guide)
# Editing: taking a pressed message's buttons off, or rewriting a card in place (theme check).
EDITS = {"editMessageReplyMarkup", "editMessageText"}
METHODS = SENDS | MENUS | EDITS | {"answerCallbackQuery"}
LONG_AGO = datetime(2020, 1, 1, tzinfo=UTC)
NO_CHECKS = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example]


# --- the application --------------------------------------------------------------------


async def _empty(db: Database) -> None:
    """Empty every table and start ids from 1 again, so that hypothesis can replay an example
    exactly (what is drawn depends on the ids in the buttons the bot sent)."""
    async with db.transaction() as session:
        if db.backend == "postgresql":
            names = ", ".join(table.name for table in Base.metadata.sorted_tables)
            await session.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:  # SQLite hands out the next id after the largest one left: 1 in an empty table
            for table in reversed(Base.metadata.sorted_tables):
                await session.execute(table.delete())


def _start_harness(db: Database, texts: Texts, settings: Settings) -> Harness:
    # Every call goes through the limiter with its pacing lifted, as in every Harness: the
    # real pacer would make this run take many minutes.
    return Harness(db, texts, settings)


async def _join(harness: Harness, user: int, code: str) -> list[Call]:
    calls = await harness.send(user, f"/start {code}")
    return await harness.press_button(user, calls, "Yes")


async def _seed(harness: Harness) -> World:
    """A project, and people part-way through every flow the bot has."""
    seeded = await seed_project(harness.db)
    codes: dict[str, str] = {}
    async with harness.db.transaction() as session:
        for name, role, project, uses, days, made in (
            ("programme", Role.PROGRAMME, None, 1, 7, harness.clock.now()),
            ("volunteers", Role.VOLUNTEER, seeded.project_id, 2, 7, harness.clock.now()),
            ("staff", Role.STAFF, seeded.project_id, 2, 7, harness.clock.now()),
            ("expired", Role.PARTICIPANT, seeded.project_id, 9, 1, LONG_AGO),
        ):
            invite = await invites.create(
                session, role=role, project_id=project, uses=uses, expires_days=days, now=made
            )
            codes[name] = invite.code

    await _join(harness, PARTICIPANT, seeded.participant_code)
    await harness.send(PARTICIPANT, "The quiz was brilliant")
    asked = await harness.send(PARTICIPANT, "More tea please, & <b>cake</b>")
    assert "start doing" in joined(asked), joined(asked)  # on the third question now

    for volunteer in (COUNTING, NOTING):
        await _join(harness, volunteer, codes["volunteers"])
        await harness.send(volunteer, "Note what people said")
        when = await harness.send(volunteer, "Firth Park library")
        count = await harness.press_button(volunteer, when, "Today")
        assert "how many people" in joined(count), joined(count)
    noting = await harness.press_button(NOTING, count, "6 to 10")
    assert "each thing people said" in joined(noting), joined(noting)
    await harness.send(NOTING, "The tea urn takes ages to boil")

    await _join(harness, STAFF, codes["staff"])
    waiting = await harness.send(STAFF, "/replies")
    assert waiting[-1].buttons, joined(waiting)  # the participant's suggestion, to tick
    await _join(harness, REPORTING, codes["staff"])
    dates = await _report_dates(harness, REPORTING)
    assert "first and last day" in joined(dates), joined(dates)

    await _join(harness, PROGRAMME, codes["programme"])
    await harness.send(PROGRAMME, "/ask")

    commands = {
        command
        for handlers in harness.app.handlers.values()
        for handler in handlers
        if isinstance(handler, CommandHandler)
        for command in handler.commands
    }
    world = World(
        commands=tuple(sorted(commands)),
        members={
            "participant": PARTICIPANT,
            "counting": COUNTING,
            "noting": NOTING,
            "staff": STAFF,
            "reporting": REPORTING,
            "programme": PROGRAMME,
        },
        # Usable, used up (the volunteer, staff and programme ones) and expired codes.
        codes=[seeded.participant_code, seeded.volunteer_code, seeded.staff_code, *codes.values()],
    )
    world.offered(harness.request.calls)
    return world


async def _report_dates(harness: Harness, user: int) -> list[Call]:
    """Staff asking for a report on typed dates: /report, then the "dates" button."""
    ask = await harness.send(user, "/report")
    for _label, data in ask[-1].buttons:
        if data == "report:dates":
            return await harness.press(user, data)
    raise AssertionError(f"no dates button in {ask[-1].buttons}")


@dataclass(frozen=True)
class Seeded:
    """The seeded database, as rows, and the world the strategies start from."""

    rows: list[tuple[Table, list[dict[str, Any]]]]
    start: World

    def world(self) -> World:
        return copy.deepcopy(self.start)


async def _seeded(database_url: str, texts: Texts, settings: Settings) -> Seeded:
    """Drive the bot through joining once, and keep what it stored, to restore per example."""
    db = Database(database_url)
    try:
        await _empty(db)
        harness = _start_harness(db, texts, settings)
        async with harness.app:
            world = await _seed(harness)
        async with db.transaction() as session:
            rows = [
                (table, [dict(row) for row in (await session.execute(select(table))).mappings()])
                for table in Base.metadata.sorted_tables
            ]
        return Seeded(rows, world)
    finally:
        await db.dispose()


async def _restore(db: Database, rows: list[tuple[Table, list[dict[str, Any]]]]) -> None:
    await _empty(db)
    async with db.transaction() as session:
        for table, found in rows:
            if found:
                await session.execute(table.insert(), found)
        if db.backend == "postgresql":  # new rows get the ids after the restored ones
            for table, found in rows:
                if found and "id" in table.c:
                    await session.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                            f"(SELECT MAX(id) FROM {table.name}))"
                        )
                    )


# --- what every update must respect -----------------------------------------------------


def _command(message: Json, commands: tuple[str, ...]) -> str | None:
    """The known command a message starts with, if it is addressed to this bot."""
    text = message.get("text") or ""
    entities = message.get("entities") or []
    if not entities or entities[0]["type"] != "bot_command" or entities[0]["offset"] != 0:
        return None
    name, _, bot = text[1 : entities[0]["length"]].partition("@")
    if bot and bot.lower() != BOT_USER["username"]:
        return None
    return name.lower() if name.lower() in commands else None


def _limits(call: Call) -> list[str]:
    """Telegram's limits on one call."""
    found = []
    params = call.params
    text, caption = params.get("text"), params.get("caption")
    mode = params.get("parse_mode")
    # Counted as Telegram counts: after the HTML is parsed, in UTF-16 code units.
    if (
        call.method == "sendMessage"
        and not 1 <= (n := telegram_length(str(text or ""), mode)) <= 4096
    ):
        found.append(f"message text of {n} characters")
    if caption is not None and (n := telegram_length(str(caption), mode)) > 1024:
        found.append(f"caption of {n} characters")
    if call.method == "answerCallbackQuery" and (n := telegram_length(str(text or ""), None)) > 200:
        found.append(f"button answer of {n} characters")
    if params.get("parse_mode") == "HTML" and (errors := html_errors(str(text or caption or ""))):
        found.append(f"bad HTML: {errors[0]}")
    for label, data in call.buttons:
        if not label or not 1 <= len(data.encode()) <= 64:
            found.append(f"button {label!r} with data {data!r}")
    if any(not label for label in call.menu):
        found.append("an empty button under the message box")
    for name in ("document", "photo"):
        upload = params.get(name)
        if upload is not None and not (upload["filename"] and upload["content"]):
            found.append(f"an empty {name}")
    if call.method not in METHODS:
        found.append(f"unexpected method {call.method}")
    return found


def _problems(
    update: Json, calls: list[Call], prompts: Prompts, commands: tuple[str, ...]
) -> list[str]:
    """Everything wrong with how the bot answered one update."""
    found = [f"{c.method}: {p}" for c in calls for p in _limits(c)]
    kind = next(k for k in UPDATE_KINDS if k in update)
    body = update[kind]
    user, sends = body["from"], [c for c in calls if c.method in SENDS]
    chat = body.get("chat") or (body.get("message") or {}).get("chat") or {"type": "inline"}
    recipients = {int(c.params["chat_id"]) for c in sends}
    for call in (c for c in calls if c.method in MENUS):  # only ever the sender's own chat's
        if call.params.get("scope") != {"type": "chat", "chat_id": user["id"]}:
            found.append(f"{call.method} for {call.params.get('scope')}, from {user['id']}")
    if kind == "callback_query":
        if recipients - {user["id"]}:
            found.append(f"a button press answered in chats {recipients}")
        for call in calls:
            if call.method in EDITS and int(call.params["chat_id"]) != chat.get("id"):
                found.append(f"{call.method} on a message in another chat")
    elif chat["type"] == "private":
        if recipients - {chat["id"]}:
            found.append(f"a private message answered in chats {recipients}")
    else:
        pointer = prompts.text("comment.group_chat", (user.get("language_code") or "en")[:2])
        said = [c.text for c in sends]
        expected = [pointer] if kind == "message" and _command(body, commands) else []
        if said != expected or any(c.markup for c in sends) or "\n" in pointer:
            found.append(f"said in a group: {said!r}, expected {expected!r}")
    return found


async def _feed(harness: Harness, world: World, update: Json, *, learn: bool = True) -> None:
    """Feed one update and check everything about how it was handled; `learn` lets later
    updates refer to it and to the buttons the bot sent back."""
    assert [k for k in update if k in UPDATE_KINDS] == list(update), update
    assert all(kind in ALLOWED_UPDATES for kind in update)
    calls = await harness.feed(update)
    shown = json.dumps(update, ensure_ascii=False)[:3000]
    if harness.errors:
        raised = "".join(traceback.format_exception(harness.errors[0]))
        raise AssertionError(f"a handler raised on {shown}\n{raised}")
    problems = _problems(update, calls, harness.prompts, world.commands)
    assert not problems, f"{problems} on {shown}"
    if learn:
        world.saw(update, calls)


# --- the tests --------------------------------------------------------------------------


def test_every_button_pattern_is_forged_with_the_right_arguments() -> None:
    for action, pattern in callbacks.PATTERNS.items():
        assert len(BUTTONS[action]) == pattern.groups, action
    assert BUTTONS["skip"] == ("n", "n") and BUTTONS["ncount"] == ("a|b|c|d",)
    assert BUTTONS["join"] == ("yes|more|no", "c") and BUTTONS["rgo"] == ()
    assert set(UPDATE_KINDS) == set(ALLOWED_UPDATES)


def _says(user: int, words: str) -> Json:
    message: Json = {
        "message_id": 1000,
        "date": 1_700_000_000,
        "chat": {"id": user, "type": "private", "first_name": "Ann"},
        "from": {"id": user, "is_bot": False, "first_name": "Ann", "language_code": "en"},
        "text": words,
    }
    if words.startswith("/"):
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(words)}]
    return {"message": message}


def _presses(user: int, data: str) -> Json:
    person = {"id": user, "is_bot": False, "first_name": "Ann", "language_code": "en"}
    message = {
        "message_id": 1,
        "date": 1_700_000_000,
        "chat": {"id": user, "type": "private", "first_name": "Ann"},
        "from": BOT_USER,
        "text": "...",
    }
    query = {"id": "1", "from": person, "chat_instance": "1", "data": data, "message": message}
    return {"callback_query": query}


# What the fuzz has found, kept as plain replays so they fail everywhere, not only where
# hypothesis's example database (.hypothesis/) remembers them.
FOUND = {
    # bot/digest_words.py phrases_in: zip(..., strict=True) on a comment with no words in it
    # raised ValueError in /digest and in planning the weekly digest (fixed since).
    "digest-after-a-comment-of-only-a-hyphen": [_says(PARTICIPANT, "-"), _says(STAFF, "/digest")],
    # PostgreSQL: the patterns allow 12-digit ids, the id columns are 32-bit.
    "note-tag-past-32-bits": [_presses(NOTING, "ntag:2147483648:k:good")],
    "add-to-session-past-32-bits": [_presses(PARTICIPANT, "nadd:2147483648")],
    "flag-past-32-bits": [_presses(STAFF, "flg:2147483648")],
    # bot/report.py utc_range: a day after 31/12/9999 is past what Python's dates hold
    # (OverflowError in /report's "choose dates"); such dates are now not dates at all.
    "report-to-the-end-of-time": [_says(REPORTING, "1/1/0001 to 31/12/9999")],
}


@pytest.mark.parametrize("found", list(FOUND))
def test_updates_the_fuzz_found(
    found: str, database_url: str, texts: Texts, settings: Settings
) -> None:
    seeded = asyncio.run(_seeded(database_url, texts, settings))

    async def replay() -> None:
        db = Database(database_url)
        try:
            await _restore(db, seeded.rows)
            world = seeded.world()
            harness = _start_harness(db, texts, settings)
            async with harness.app:
                for update in FOUND[found]:
                    await _feed(harness, world, update)
        finally:
            await db.dispose()

    asyncio.run(replay())


def test_odd_updates_never_crash_and_keep_to_telegrams_limits(
    database_url: str, texts: Texts, settings: Settings
) -> None:
    seeded = asyncio.run(_seeded(database_url, texts, settings))
    fed: list[int] = []
    batches: list[int] = []

    async def batch(data: st.DataObject) -> None:
        db = Database(database_url)
        try:
            await _restore(db, seeded.rows)
            world = seeded.world()
            world.focus = data.draw(world.focus_on(), label="focus")
            world.kinds = data.draw(SWARM, label="kinds")
            harness = _start_harness(db, texts, settings)
            async with harness.app:
                for number in range(BATCH):
                    await _feed(harness, world, data.draw(updates(world), label=f"#{number}"))
                    fed.append(1)
            batches.append(1)
        finally:
            await db.dispose()

    @hypothesis_settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=NO_CHECKS)
    @given(data=st.data())
    def run(data: st.DataObject) -> None:
        asyncio.run(batch(data))

    started = time.perf_counter()
    run()
    print(
        f"\nfuzz: {len(fed)} updates in {time.perf_counter() - started:.1f} s "
        f"({len(batches)} whole batches of {BATCH})"
    )
    assert len(fed) >= MINIMUM


def test_memory_stays_steady_over_a_long_run(
    database_url: str, texts: Texts, settings: Settings
) -> None:
    """One application for the whole run, as in production; only the bot's memory is counted."""
    seeded = asyncio.run(_seeded(database_url, texts, settings))
    world = seeded.world()
    fed: list[int] = []
    samples: list[int] = []
    baseline: list[tracemalloc.Snapshot] = []
    failures: list[str] = []
    with asyncio.Runner() as runner:
        run_async: Callable[[Coroutine[Any, Any, T]], T] = runner.run
        db = Database(database_url)
        run_async(_restore(db, seeded.rows))
        harness = _start_harness(db, texts, settings)
        run_async(harness.app.initialize())

        async def batch(data: st.DataObject) -> None:
            for number in range(BATCH):
                if failures:  # the application is no longer fresh: replaying could not agree
                    return
                # The world stays as seeded: hypothesis replays parts of earlier examples while
                # it generates, so what is drawn must not depend on what the bot did since.
                update = data.draw(updates(world), label=f"#{number}")
                try:
                    await _feed(harness, world, update, learn=False)
                except AssertionError as failure:
                    failures.append(str(failure))
                harness.request.calls.clear()  # what the test keeps is not the bot's memory
                fed.append(1)

        @hypothesis_settings(
            max_examples=SOAK_BATCHES,
            deadline=None,
            suppress_health_check=NO_CHECKS,
            phases=[Phase.generate],  # one running application: examples are not independent
            database=None,
        )
        @given(data=st.data())
        def soak(data: st.DataObject) -> None:
            run_async(batch(data))
            samples.append(tracemalloc.get_traced_memory()[0])
            if len(samples) == WARM_UP:
                baseline.append(tracemalloc.take_snapshot())

        started = time.perf_counter()
        tracemalloc.start()
        try:
            soak()
            after = tracemalloc.take_snapshot()
        finally:
            tracemalloc.stop()
            run_async(harness.app.shutdown())
            run_async(db.dispose())
    assert not failures, failures[0]
    growth = _bot_growth(baseline[0], after)
    mib = 2**20
    print(
        f"\nsoak: {len(fed)} updates in {time.perf_counter() - started:.1f} s through one "
        f"application; traced memory {samples[WARM_UP - 1] / mib:.1f} MiB after warm-up, "
        f"{samples[-1] / mib:.1f} MiB at the end (peak {max(samples) / mib:.1f} MiB); "
        f"the bot's own allocations grew by {growth / mib:.2f} MiB"
    )
    assert len(fed) >= SOAK_MINIMUM
    assert growth < MEMORY_BOUND, f"the bot grew by {growth / mib:.1f} MiB"


def _bot_growth(before: tracemalloc.Snapshot, after: tracemalloc.Snapshot) -> int:
    """Bytes allocated since `before` and still held, leaving out hypothesis's own records (it
    keeps what it drew, which is counted where the strategies made it)."""
    ignore = [
        tracemalloc.Filter(False, "*/hypothesis/*"),
        tracemalloc.Filter(False, strategies.__file__),
        tracemalloc.Filter(False, tracemalloc.__file__),
    ]
    stats = after.filter_traces(ignore).compare_to(before.filter_traces(ignore), "filename")
    return sum(stat.size_diff for stat in stats)
