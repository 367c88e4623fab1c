"""Faults (issue 7): `natter run` SIGKILLed again and again, the scheduler's holder killed, and
PostgreSQL restarted under load, all over real HTTP against the fake Bot API.

Kill moments come from a seeded random generator; the seed is printed (pytest shows it when a
test fails) and NATTER_FAULT_SEED=<seed> replays it. `--long` runs many more trials.
Tests 3 and 4 run on a private PostgreSQL cluster (tests/support/private_postgres.py), so they
run on every suite run whatever TEST_DATABASE_URL says.
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import time
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from hashlib import sha256
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select, update

from bot import delivery
from bot.runtime.scheduler_lock import holder_pid
from bot.runtime.webhook import TAKEOVER_SECONDS
from storage.db import Database
from storage.migrate import upgrade
from storage.models import (
    Comment,
    Digest,
    Membership,
    Outbox,
    OutboxStatus,
    Person,
    Project,
    Role,
)
from tests.fake_telegram import FakeTelegram, SentMessage
from tests.support.outbox import html, told
from tests.support.private_postgres import PrivatePostgres, private_postgres  # noqa: F401
from tests.support.processes import TOKEN, BotProcess, NatterProcess, WebhookProcess
from tests.support.seed import seed_project

LONDON = "Europe/London"
STREAM_INTERVAL = 0.05  # 20 messages a second: a backlog builds while the bot restarts
DRAIN_TIMEOUT = 120.0
STAFF_PER_PROJECT = 10


# --- fixtures and helpers -------------------------------------------------------------------


@pytest.fixture
def rng() -> random.Random:
    seed = int(os.environ.get("NATTER_FAULT_SEED") or random.SystemRandom().randrange(2**32))
    print(f"fault seed: {seed} (replay with NATTER_FAULT_SEED={seed})")
    return random.Random(seed)


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    # Without rate limits: a participant here writes far faster than Telegram lets a bot answer
    # one chat, and 429 back-off would only slow the test (it is covered in test_end_to_end).
    async with FakeTelegram(token=TOKEN, rate_limits=False) as server:
        yield server
    assert server.violations == [], server.violations


@pytest.fixture
async def private_db(private_postgres: PrivatePostgres) -> AsyncIterator[Database]:  # noqa: F811
    """A fresh, migrated database of its own on the private (restartable) cluster."""
    database = Database(private_postgres.new_database())
    await upgrade(database)
    yield database
    await database.dispose()


@asynccontextmanager
async def running(*processes: NatterProcess) -> AsyncIterator[None]:
    """Whatever happens in the block, no process outlives it."""
    try:
        yield
    finally:
        for process in processes:
            if process.proc is not None:
                await process.kill()


async def eventually(
    check: Callable[[], bool | Awaitable[bool]],
    within: float,
    what: str,
    *watched: NatterProcess,
) -> float:
    """Poll `check` (the database or a process is often what changes) until it holds;
    returns the seconds it took. On a timeout, the watched processes' logs tell why."""
    loop = asyncio.get_running_loop()
    started = loop.time()
    while True:
        result = check()
        if result if isinstance(result, bool) else await result:
            return loop.time() - started
        if loop.time() - started > within:
            logs = "".join(f"\n--- {p.log.name}:\n{p.log.read_text()[-4000:]}" for p in watched)
            raise AssertionError(f"{what}: not within {within}s{logs}")
        await asyncio.sleep(0.05)


async def stop_cleanly(process: NatterProcess) -> None:
    """SIGTERM, then a graceful exit (uvicorn re-raises the signal once it has shut down)."""
    code = await process.stop()
    log = process.log.read_text()
    assert code in (0, -signal.SIGTERM), log
    assert log.rfind("Application.stop() complete") > log.rfind("Application started"), log


def no_traceback(process: NatterProcess) -> None:
    log = process.log.read_text()
    assert "Traceback" not in log, log


@dataclass
class Stream:
    """One participant writing steadily until stopped; remembers every text sent."""

    fake: FakeTelegram
    user: int
    texts: list[str] = field(default_factory=list)
    _task: asyncio.Task[None] | None = None
    _stop: asyncio.Event = field(default_factory=asyncio.Event)

    async def _run(self) -> None:
        while not self._stop.is_set():
            text = f"Message {len(self.texts)} from {self.user}"
            self.fake.user_sends_text(self.user, text)
            self.texts.append(text)
            with suppress(TimeoutError):
                await asyncio.wait_for(self._stop.wait(), STREAM_INTERVAL)

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run())

    async def stop(self) -> None:
        self._stop.set()
        if self._task is not None:
            await self._task


def backlog(fake: FakeTelegram) -> int:
    """Updates the fake has not yet had a 2xx for (it keeps pushing the first one)."""
    return len(fake.api.webhook.world.deliverable())


async def join_and_skip_questions(fake: FakeTelegram, user: int, code: str) -> None:
    """Join by invite, say Yes, skip the four questions: what follows is free comment."""
    fake.user_sends_text(user, f"/start {code}")
    consent = await fake.next_message(user)
    fake.user_presses(user, consent.message_id, consent.buttons()[0][1])
    await fake.next_message(user)
    for _ in range(4):
        question = fake.messages_to(user)[-1]
        fake.user_presses(user, question.message_id, question.buttons()[0][1])
        await fake.next_message(user)


async def assert_stored_once(db: Database, stream: Stream) -> None:
    async with db.transaction() as session:
        stored = Counter((await session.scalars(select(Comment.text))).all())
    missing = [t for t in stream.texts if stored[t] == 0]
    doubled = {t: n for t, n in stored.items() if n > 1}
    extra = [t for t in stored if t not in set(stream.texts)]
    assert not missing and not doubled and not extra, (missing, doubled, extra)
    assert sum(stored.values()) == len(stream.texts)


# --- 1. kill -9 during ingest, many times ----------------------------------------------------


async def test_killed_again_and_again_mid_stream_stores_every_message_once(
    fake: FakeTelegram,
    db: Database,
    database_url: str,
    tmp_path: Path,
    trials: int,
    rng: random.Random,
) -> None:
    seeded = await seed_project(db)
    webhook = WebhookProcess(fake, database_url, tmp_path)
    user = 7001
    async with running(webhook):
        await webhook.start()
        await join_and_skip_questions(fake, user, seeded.participant_code)
        stream = Stream(fake, user)
        stream.start()
        try:
            for trial in range(trials):
                await asyncio.sleep(rng.uniform(0.1, 1.0))  # alive for a random while
                # Then kill while an update is unanswered, at a random point in its handling.
                # (The fake's pulse wakes this as the update is queued; polling could alias
                # with the stream's own rhythm and keep missing the short moment.)
                await fake.wait_until(lambda: backlog(fake) > 0, timeout=10)
                head = fake.api.webhook.world.deliverable()[0]["update_id"]
                await asyncio.sleep(rng.uniform(0, 0.015))  # handling one takes ~10 ms
                await webhook.kill()
                answered = head in fake.api.webhook.delivered
                print(f"kill {trial + 1}: {len(stream.texts)} sent so far, update {head} "
                      f"{'answered just before' if answered else 'unanswered'}")  # fmt: skip
                await webhook.start()
        finally:
            await stream.stop()
        took = await eventually(lambda: backlog(fake) == 0, DRAIN_TIMEOUT, "all delivered", webhook)
        print(f"{len(stream.texts)} messages, drained {took:.1f}s after the stream stopped")
        await assert_stored_once(db, stream)
        # Updates sent while the bot was down were refused, and the fake pushed them again.
        assert len(fake.api.webhook.failures) >= trials, fake.api.webhook.failures
        await stop_cleanly(webhook)
    no_traceback(webhook)


# --- 2. kill -9 while planning and sending digests, many times -------------------------------

Key = tuple[int, str | None, str | None]  # chat, text, and a document's name and content


def sent_key(message: SentMessage) -> Key:
    if message.method == "sendPhoto":  # a digest's chart: known by its bytes
        return message.chat_id, None, f"photo:{sha256(message.document_bytes or b'').hexdigest()}"
    document = None if message.document_bytes is None else message.document_bytes.decode()
    return (
        message.chat_id,
        message.text,
        f"{message.document_name}:{document}" if document else None,
    )


def outbox_key(row: Outbox) -> Key:
    said = told(row)  # as rendered for sending: a digest's part, a chart or its spreadsheet
    if said.photos:
        return row.chat_id, None, f"photo:{sha256(said.photos[0][0]).hexdigest()}"
    document = next((f"{name}:{content}" for name, content in said.files), None)
    return row.chat_id, said.text or None, document


async def outbox_rows(db: Database, chats: set[int]) -> list[Outbox]:
    async with db.transaction() as session:
        return list((await session.scalars(select(Outbox).where(Outbox.chat_id.in_(chats)))).all())


async def add_person(db: Database, chat: int, role: Role, project_id: int | None) -> int:
    now = datetime.now(UTC)
    async with db.transaction() as session:
        # Checked in just now, so no check-in joins the digests in the outbox.
        person = Person(
            telegram_id=chat, pseudonym=f"T{chat}", consent_version="test", consented_at=now,
            last_checkin_at=now,
        )  # fmt: skip
        session.add(person)
        await session.flush()
        session.add(
            Membership(person_id=person.id, project_id=project_id, role=role, last_checkin_at=now)
        )
        return person.id


async def add_due_project(db: Database, fake: FakeTelegram, number: int) -> list[int]:
    """A project whose weekly digest fell due today at 00:00, with staff and last week's
    comments; returns the staff's chat ids (chats the fake knows, so the bot may write)."""
    now = datetime.now(UTC)
    seeded = await seed_project(db, slug=f"project-{number}", name=f"Project {number}", now=now)
    async with db.transaction() as session:
        await session.execute(
            update(Project)
            .where(Project.id == seeded.project_id)
            .values(
                created_at=now - timedelta(days=30),
                timezone=LONDON,
                digest_time="00:00",
                digest_weekday=now.astimezone(ZoneInfo(LONDON)).weekday(),
            )
        )
    first = 8_000_000 + 100 * number
    staff = [first + n for n in range(STAFF_PER_PROJECT)]
    for chat in staff:
        await add_person(db, chat, Role.STAFF, seeded.project_id)
    author = first + STAFF_PER_PROJECT
    person_id = await add_person(db, author, Role.PARTICIPANT, seeded.project_id)
    async with db.transaction() as session:
        for n in range(12):  # enough that each digest is a text and a spreadsheet
            session.add(
                Comment(
                    project_id=seeded.project_id,
                    person_id=person_id,
                    chat_id=author,
                    message_id=n + 1,
                    text=f"Comment {n} & more for Project {number}",
                    created_at=now - timedelta(days=3),
                )
            )
    for chat in [*staff, author]:
        fake.world.private_chat(chat, "Test", "en")
    return staff


async def expire_leases(db: Database) -> None:
    """A killed sender's message stays `sending` until its lease (a minute) runs out: let
    that minute pass now, rather than wait it out in real time."""
    async with db.transaction() as session:
        await session.execute(
            update(Outbox)
            .where(Outbox.status == OutboxStatus.SENDING)
            .values(next_attempt_at=datetime.now(UTC))
        )


async def test_killed_again_and_again_while_planning_and_sending_digests(
    fake: FakeTelegram,
    db: Database,
    database_url: str,
    tmp_path: Path,
    trials: int,
    rng: random.Random,
) -> None:
    programme = 8_999_999
    await add_person(db, programme, Role.PROGRAMME, None)
    fake.world.private_chat(programme, "Test", "en")
    staff: dict[int, list[int]] = {}
    chats = {programme}

    def received() -> list[SentMessage]:
        return [m for m in fake.sent if m.chat_id in chats]

    async def ledger() -> int:
        async with db.transaction() as session:
            return int(await session.scalar(select(func.count()).select_from(Digest)) or 0)

    bot = BotProcess(fake, database_url, tmp_path)
    async with running(bot):
        for trial in range(trials):
            # A new project falls due before each start, so every start has planning to do.
            staff[trial] = await add_due_project(db, fake, trial)
            chats.update(staff[trial])
            await bot.spawn()
            spawned = time.monotonic()
            if trial % 2 == 0:
                # Anywhere in start-up, planning, or the first sends.
                await asyncio.sleep(rng.uniform(0.5, 3.5))
            else:
                # Surely mid-send: a few more digest messages have just gone out.
                target = len(received()) + rng.randint(1, 5)
                # Woken by the fake as each message arrives (no polling lag).
                try:
                    await fake.wait_until(lambda: len(received()) >= target, timeout=60)  # noqa: B023
                except AssertionError:
                    raise AssertionError(f"no digests going out:\n{bot.log.read_text()}") from None
                await asyncio.sleep(rng.uniform(0, 0.03))
            assert not bot.exited, bot.log.read_text()
            at = (time.monotonic() - spawned, await ledger(), len(received()))
            await bot.kill()
            print(
                "kill {}: {:.2f}s after start, {} ledger rows, {} messages out".format(
                    trial + 1, *at
                )
            )
            await expire_leases(db)
        await bot.start()

        async def all_sent() -> bool:
            rows = await outbox_rows(db, chats)
            done = all(row.status is OutboxStatus.SENT for row in rows)
            return done and {outbox_key(r) for r in rows} <= {sent_key(m) for m in received()}

        await eventually(all_sent, DRAIN_TIMEOUT, "every digest sent", bot)
        await stop_cleanly(bot)
    no_traceback(bot)

    # Each digest planned exactly once, for all its recipients.
    async with db.transaction() as session:
        ledger_rows = (await session.scalars(select(Digest))).all()
        project_ids = (await session.scalars(select(Project.id))).all()
    scopes = Counter(row.scope for row in ledger_rows)
    assert scopes == Counter([*(f"project:{p}" for p in project_ids), "programme"])
    assert all(r.recipients == (1 if r.scope == "programme" else STAFF_PER_PROJECT)
               for r in ledger_rows)  # fmt: skip
    # Every recipient got every part, and only the message in flight at a kill came twice.
    rows = await outbox_rows(db, chats)
    expected = {outbox_key(row) for row in rows}
    got = Counter(sent_key(m) for m in received())
    assert set(got) == expected
    doubled = sum(n - 1 for n in got.values())
    print(f"{len(rows)} digest messages, {doubled} sent twice, {trials} kills")
    assert doubled <= trials
    for number, chats_of_project in staff.items():
        for chat in chats_of_project:
            texts = [m.text or "" for m in fake.messages_to(chat)]
            files = [
                (m.document_bytes or b"").decode()
                for m in fake.messages_to(chat)
                if m.method == "sendDocument"
            ]
            assert any(f"Comment 0 &amp; more for Project {number}" in t for t in texts), texts
            assert any(f"Comment 11 & more for Project {number}" in f for f in files)
    assert any("Project 0" in (m.text or "") for m in fake.messages_to(programme))


# --- 3. the scheduler moves to the survivor when its holder is killed ------------------------


async def test_the_other_process_takes_over_the_scheduler_when_its_holder_is_killed(
    fake: FakeTelegram, private_db: Database, tmp_path: Path
) -> None:
    db = private_db
    staff = await add_due_project(db, fake, 1)
    args = ("--workers", "1", "--scheduler", "auto")
    first, second = (WebhookProcess(fake, db.url, tmp_path, *args) for _ in range(2))
    async with running(first, second):
        # Started together, both find the digest due; only the lock's holder plans it.
        await asyncio.gather(first.start(), second.start())
        holds = [(await p.health() or {}).get("scheduler") for p in (first, second)]
        assert sorted(map(bool, holds)) == [False, True], holds
        holder, survivor = (first, second) if holds[0] else (second, first)
        old_backend = await holder_pid(db)
        assert old_backend is not None

        async def digests_out() -> bool:
            rows = await outbox_rows(db, set(staff))
            out = {sent_key(m) for chat in staff for m in fake.messages_to(chat)}
            return bool(rows) and {outbox_key(r) for r in rows} <= out

        await eventually(digests_out, 30, "the digest sent", first, second)
        async with db.transaction() as session:
            assert await session.scalar(select(func.count()).select_from(Digest)) == 2
        got = Counter(sent_key(m) for chat in staff for m in fake.messages_to(chat))
        assert set(got.values()) == {1}, got

        await holder.kill()
        async with db.transaction() as session:
            await delivery.enqueue(
                session, key="after-the-kill", kind="test", chat_id=staff[0], person_id=None,
                now=datetime.now(UTC), reply=html("Queued after the holder died"),
            )  # fmt: skip
        took = await eventually(
            lambda: any(m.text == "Queued after the holder died" for m in fake.sent),
            4 * TAKEOVER_SECONDS, "the survivor sending the outbox", survivor,
        )  # fmt: skip
        print(f"the survivor sent the outbox {took:.1f}s after the holder was killed")
        assert (await survivor.health() or {}).get("scheduler") is True
        new_backend = await holder_pid(db)
        assert new_backend is not None and new_backend != old_backend
        assert "this process now runs the scheduler" in survivor.log.read_text()
        await stop_cleanly(survivor)
    no_traceback(first)
    no_traceback(second)


# --- 4. PostgreSQL restarted while messages stream in -----------------------------------------


async def test_postgresql_restarted_under_load_loses_nothing(
    fake: FakeTelegram,
    private_db: Database,
    private_postgres: PrivatePostgres,  # noqa: F811
    tmp_path: Path,
) -> None:
    db = private_db
    seeded = await seed_project(db)
    webhook = WebhookProcess(fake, db.url, tmp_path)
    user = 7004
    delivered = fake.api.webhook.delivered
    async with running(webhook):
        await webhook.start()
        await join_and_skip_questions(fake, user, seeded.participant_code)
        stream = Stream(fake, user)
        stream.start()
        try:
            before = len(delivered)
            await eventually(lambda: len(delivered) >= before + 10, 30, "messages flowing", webhook)
            await private_postgres.stop("fast")
            assert await webhook.health() == {"ok": False, "database": "unreachable"}
            await asyncio.sleep(1.5)  # down for a moment, while the participant keeps writing
            await private_postgres.start()
            after = len(delivered)
            await eventually(
                lambda: len(delivered) >= after + 10, 60, "messages flowing again", webhook
            )
        finally:
            await stream.stop()
        await eventually(lambda: backlog(fake) == 0, DRAIN_TIMEOUT, "all delivered", webhook)
        await assert_stored_once(db, stream)
        # The outage reached work in hand: the bot tried it again (storage.db Database.run),
        # or, past that, answered 5xx and the fake pushed the update again.
        retried = "database unavailable" in webhook.log.read_text()
        assert retried or any("HTTP 5" in failure for failure in fake.api.webhook.failures)

        # Healthy again: the health check, the scheduler's lock, the outbox.
        assert (await webhook.health() or {}).get("ok") is True

        async def lock_held() -> bool:
            return await holder_pid(db) is not None

        await eventually(lock_held, 4 * TAKEOVER_SECONDS, "the scheduler lock taken again", webhook)
        async with db.transaction() as session:
            await delivery.enqueue(
                session, key="after-the-restart", kind="test", chat_id=user, person_id=None,
                now=datetime.now(UTC), reply=html("Queued after the restart"),
            )  # fmt: skip
        await eventually(
            lambda: any(m.text == "Queued after the restart" for m in fake.sent), 30,
            "the outbox sending again", webhook,
        )  # fmt: skip
        assert not webhook.exited
        await stop_cleanly(webhook)
