"""Erasure reaches the files: after /forget, `natter person forget` and the retention sweep, no
byte of SQLite's database file or write-ahead log holds the person's words, made-up name or
Telegram id, including what a digest and an alert (sent, or still waiting) quoted.

Each test has a SQLite file of its own (whatever TEST_DATABASE_URL says), read raw while the
database is still open, so SQLite's own checkpoint on closing cannot hide a missing one.
"""

from __future__ import annotations

import argparse
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, update
from telegram import Bot, BotCommandScopeChat

from bot import digests
from bot.cli import care as cli_care
from bot.delivery import Pacer, sender
from bot.runtime.root import Services, Texts, compose
from bot.runtime.settings import load_settings
from handlers.outbound import TelegramOutbox
from storage.db import Database
from storage.migrate import upgrade
from storage.models import Comment, FlagFollowUp, Kind, Outbox, OutboxStatus, Project, Role
from tests.fake_telegram import FakeTelegram
from tests.support.harness import Harness, joined
from tests.support.keys import PSEUDONYM_KEY
from tests.support.outbox import told
from tests.support.seed import seed_project
from tests.support.team import add_comment, add_member

# Big enough that SQLite needs all 8 bytes for them, so the byte pattern cannot turn up by chance.
ANN_TG = 3_141_592_653_589_793
BEN_TG = 2_718_281_828_459_045
ANN = "X98765"
SAID = (
    "The quokka biscuits were bumbleflumptious",
    "Could we have more quokka zitherings on Tuesdays",
    "I can't cope anymore, the xylarium flooded",  # a danger phrase: an alert for Ben at once
)
PHONE = "+447700900555"  # shared after "Please contact me", kept with the flag
WORDS = ("quokka", "bumbleflumptious", "zitherings", "xylarium", PHONE)
REMOVED = "(removed at their request)"


@dataclass
class OnDisk:
    path: Path
    harness: Harness
    services: Services

    @property
    def db(self) -> Database:
        return self.harness.db


@pytest.fixture
async def disk(tmp_path: Path, texts: Texts, fake: FakeTelegram) -> AsyncIterator[OnDisk]:
    path = tmp_path / "natter.db"
    url = f"sqlite+aiosqlite:///{path}"
    db = Database(url)
    await upgrade(db)
    # `natter person forget` takes their command menu away through this (fake) Bot API.
    settings = load_settings(
        env_file=None,
        environ={"DATABASE_URL": url, "TELEGRAM_BOT_TOKEN": "123456:TEST",
                 "PSEUDONYM_KEY": PSEUDONYM_KEY, "TELEGRAM_BASE_URL": fake.base_url},
    )  # fmt: skip
    harness = Harness(db, texts, settings)
    async with harness.app:
        yield OnDisk(path, harness, compose(settings, texts, db=db, clock=harness.clock))
    assert not harness.errors, harness.errors
    await db.dispose()


def needles() -> dict[str, bytes]:
    found = {word: word.encode() for word in WORDS}
    found["pseudonym"] = ANN.encode()
    found["telegram id as text"] = str(ANN_TG).encode()
    found["telegram id as stored"] = ANN_TG.to_bytes(8, "big")
    return found


def left_on_disk(path: Path) -> dict[str, list[str]]:
    """Which of Ann's words, name and id each of the database's files holds, byte for byte."""
    files = [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-journal")]
    found: dict[str, list[str]] = {}
    for file in files:
        if file.exists():
            data = file.read_bytes()
            hits = [name for name, needle in needles().items() if needle in data]
            if hits:
                found[file.name] = hits
    return found


def anywhere(path: Path) -> set[str]:
    return {hit for hits in left_on_disk(path).values() for hit in hits}


async def ann_talks(disk: OnDisk, fake: FakeTelegram) -> None:
    """Ann says three things; Ben (staff) is sent the alert, and her digest is queued."""
    db, harness = disk.db, disk.harness
    project = (await seed_project(db)).project_id
    now = harness.clock.now()
    async with db.transaction() as session:
        await session.execute(update(Project).values(created_at=now - timedelta(days=30)))
    await add_member(db, ANN_TG, project, Role.PARTICIPANT, now, ANN)
    await add_member(db, BEN_TG, project, Role.STAFF, now, "W87654")
    for said in SAID[:-1]:
        assert "passed" in joined(await harness.send(ANN_TG, said))
        harness.clock.advance(seconds=70)
    helped = await harness.send(ANN_TG, SAID[-1])
    assert "told the team" in joined(helped)
    await harness.press_button(ANN_TG, helped, "Please contact me")
    shared = {"phone_number": PHONE, "first_name": "Ann", "user_id": ANN_TG}
    assert "passed your number" in joined(await harness.send_raw(ANN_TG, contact=shared))
    fake.user_sends_text(BEN_TG, "/start")  # Telegram lets a bot write only to who wrote to it
    bot = Bot("123456:TEST", base_url=fake.base_url, base_file_url=fake.base_file_url)
    async with bot:
        outbox = TelegramOutbox(bot, harness.prompts)
        # The alert, that she asked to be contacted, and her number: one a second to his chat.
        pacer = Pacer()
        sent = [await sender.deliver_due(db, outbox, harness.clock, pacer) for _ in range(4)]
        assert sum(sent) == 3
    harness.clock.advance(days=7)
    planned = await digests.plan_due(db, disk.services.deps, harness.clock.now())
    assert f"project:{project}" in planned
    statuses = {(r.kind, r.status) for r in await harness.rows(Outbox)}
    assert statuses == {("alert", OutboxStatus.SENT), ("digest", OutboxStatus.PENDING)}
    # The scan would find her: every word, her name and her id are in the files now.
    assert anywhere(disk.path) >= set(needles()) - {"telegram id as text"}


async def bens_digest(disk: OnDisk) -> str:
    rows = await disk.harness.rows(Outbox)
    assert [r.kind for r in rows] == ["digest"]  # the alert about her and her spreadsheet went
    return told(rows[0]).text


def care_args(*argv: str) -> argparse.Namespace:
    top = argparse.ArgumentParser(prog="natter")
    cli_care.add_parsers(top.add_subparsers(dest="command", required=True))
    return top.parse_args(argv)


async def test_forget_in_the_chat_leaves_no_byte_of_them(disk: OnDisk, fake: FakeTelegram) -> None:
    await ann_talks(disk, fake)
    ask = await disk.harness.send(ANN_TG, "/forget")
    done = await disk.harness.press_button(ANN_TG, ask, "Yes, delete it all")
    assert "deleted everything" in joined(done)
    assert left_on_disk(disk.path) == {}
    assert disk.db.last_purge is not None and disk.db.last_purge.done
    digest = await bens_digest(disk)
    assert digest.count(f"“{REMOVED}” — someone who has since left") == 2
    assert "came up often" not in digest  # "quokka" was hers alone


async def test_natter_person_forget_leaves_no_byte_of_them(
    disk: OnDisk, fake: FakeTelegram, capsys: pytest.CaptureFixture[str]
) -> None:
    await ann_talks(disk, fake)
    her_menu = {"type": "chat", "chat_id": ANN_TG}
    async with Bot("123456:TEST", base_url=fake.base_url) as bot:  # as if she had a team role
        await bot.set_my_commands([("help", "What I can do")], scope=BotCommandScopeChat(ANN_TG))
    assert fake.my_commands(her_menu)
    assert await cli_care.run(care_args("person", "forget", ANN), disk.services) == 0
    assert capsys.readouterr().out.startswith(f"Forgot Person {ANN}.")
    assert fake.my_commands(her_menu) == []  # her own menu went with her
    assert left_on_disk(disk.path) == {}
    assert REMOVED in await bens_digest(disk)


async def test_the_retention_sweep_leaves_no_byte_of_old_words(
    disk: OnDisk, capsys: pytest.CaptureFixture[str]
) -> None:
    project = (await seed_project(disk.db)).project_id
    now = disk.harness.clock.now()
    ann = await add_member(disk.db, ANN_TG, project, Role.PARTICIPANT, now, ANN)
    for n, said in enumerate(SAID):
        await add_comment(disk.db, ann, project, said, now - timedelta(days=800 + n), Kind.IDEA)
    await add_comment(disk.db, ann, project, "Recent words stay", now, Kind.IDEA)
    async with disk.db.transaction() as session:  # a number kept with an old flag goes too
        oldest = await session.scalar(select(func.min(Comment.id)))
        session.add(FlagFollowUp(comment_id=oldest, answer="contact", phone=PHONE))
    assert anywhere(disk.path) >= set(WORDS)
    assert await cli_care.run(care_args("retention"), disk.services) == 0
    assert "comments 3" in capsys.readouterr().out
    left = anywhere(disk.path)
    assert not left & set(WORDS), left  # she is still here, so her name and id are too
    assert disk.db.last_purge is not None and disk.db.last_purge.done
    assert await disk.harness.count(Comment) == 1


async def test_a_checkpoint_a_reader_holds_up_is_reported_then_done_by_the_next_sweep(
    disk: OnDisk, fake: FakeTelegram, caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    await ann_talks(disk, fake)
    async with disk.db.reading() as reader:
        await reader.scalar(select(func.count()).select_from(Outbox))  # an old snapshot, held
        with caplog.at_level(logging.WARNING, logger="storage.purge"):
            assert await cli_care.run(care_args("person", "forget", ANN), disk.services) == 0
        out = capsys.readouterr().out
        assert disk.db.last_purge is not None and not disk.db.last_purge.done
        assert disk.db.last_purge.tries == 3
        assert "write-ahead log" in out and "natter retention" in out
        assert [r.levelname for r in caplog.records] == ["WARNING"]
        assert not any(w in caplog.text for w in (*WORDS, ANN, str(ANN_TG)))
        assert left_on_disk(disk.path)  # the old pages, still in the write-ahead log
    assert await cli_care.run(care_args("retention"), disk.services) == 0
    assert left_on_disk(disk.path) == {}
    assert disk.db.last_purge is not None and disk.db.last_purge.done


async def test_forget_takes_a_voice_notes_words_and_read_back_off_the_disk(disk: OnDisk) -> None:
    """A voice note's transcript (on the comment) and its queued read-back (in the outbox)."""
    from bot import voice
    from tests.support.speech import silence

    db, harness = disk.db, disk.harness
    project = (await seed_project(db)).project_id
    await add_member(db, ANN_TG, project, Role.PARTICIPANT, harness.clock.now(), ANN)

    class Hears:
        name = "fake"

        def transcribe(self, samples: voice.Samples) -> voice.Transcript:
            return voice.Transcript("my glockenspielery is lovely", 0.9)

    async def fetch(file_id: str) -> bytes:
        return silence(1.0)

    worker = voice.start_worker(db, disk.services.deps, fetch, Hears)
    harness.app.bot_data.voice = worker
    await harness.voice(ANN_TG)
    await worker.drain()
    await worker.stop()
    assert await harness.count(Outbox, Outbox.kind == "voice") == 1
    assert b"glockenspielery" in disk.path.read_bytes() + _wal(disk.path)
    ask = await harness.send(ANN_TG, "/forget")
    await harness.press_button(ANN_TG, ask, "Yes, delete it all")
    assert b"glockenspielery" not in disk.path.read_bytes() + _wal(disk.path)
    assert await harness.count(Outbox, Outbox.kind == "voice") == 0


def _wal(path: Path) -> bytes:
    wal = path.with_name(path.name + "-wal")
    return wal.read_bytes() if wal.exists() else b""
