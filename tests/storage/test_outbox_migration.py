"""Migration 0008 on real old-style outbox rows: each arrives as the old sender sent it.

The database here is one of its own at revision 0007 (a file on SQLite; a schema of its own in
the test database on PostgreSQL), so the suite's database stays at head.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command
from sqlalchemy.engine import Connection, make_url
from telegram import Bot

from bot import delivery
from bot.core import Reply, Say, reply_from_json, split_message
from bot.delivery import Pacer
from handlers.outbound import TelegramOutbox
from prompts import Prompts
from storage.db import Database
from storage.migrate import alembic_config, upgrade
from storage.models import Outbox, OutboxStatus
from storage.types import UTCDateTime
from tests.fake_telegram import FakeTelegram
from tests.support.harness import FakeClock

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
SCHEMA = "outbox_at_0007"
OLD = ("text", "document_name", "document", "buttons")
LONG = "\n".join(f"Line {n}: " + "we talked &amp; <b>laughed</b> " * 9 for n in range(30))

old_outbox = sa.table(
    "outbox",
    *(sa.column(name, sa.String) for name in ("key", "kind", "status", "text", "document_name")),
    *(sa.column(name, sa.Integer) for name in ("chat_id", "priority", "attempts")),
    sa.column("document", sa.Text),
    sa.column("buttons", sa.JSON),
    *(sa.column(name, UTCDateTime()) for name in ("next_attempt_at", "created_at", "sent_at")),
)
CHECKIN_BUTTONS = [
    [["Good", "chk:1:0:good"], ["OK", "chk:1:0:ok"], ["Not great", "chk:1:0:bad"]],
    [["Not now", "chksnooze:1:0"], ["I'm away", "chkaway:1:0"]],
]
# As the old code wrote them: waiting, one left `sending` by a crash, and one already sent.
OLD_ROWS: dict[str, dict[str, Any]] = {
    "checkin": {
        "chat_id": 7001,
        "text": "<b>Group firth-park</b>\n\nWhat did you enjoy? “Tea” &amp; cake?\n\nHow was it?",
        "buttons": CHECKIN_BUTTONS,
    },
    "csv": {
        "chat_id": 7002,
        "document_name": "comments-2026-11-16.csv",
        "document": "date,text\r\n2026-11-17,“Lovely” & warm\r\n",
    },
    "alert": {
        "chat_id": 7003,
        "priority": 0,
        "status": "sending",
        "attempts": 1,
        "text": "<b>Someone may need help</b>\n\nPerson K7 wrote:\n“I can't cope &lt;at all&gt;”",
    },
    "long": {"chat_id": 7004, "text": LONG},
    "both": {"chat_id": 7005, "text": "The old sender sent only the file", "document": "x,y\r\n"},
    "sent": {"chat_id": 7006, "status": "sent", "text": "Sent before the upgrade"},
}


async def _schema(db: Database, sql: str) -> None:
    async with db.engine.begin() as connection:
        await connection.execute(sa.text(sql))


@pytest.fixture
async def at_0007(database_url: str, tmp_path: Path) -> AsyncIterator[Database]:
    if make_url(database_url).get_backend_name() == "sqlite":
        db = Database(f"sqlite+aiosqlite:///{tmp_path / 'at-0007.db'}")
        await upgrade(db, "0007")
        yield db
        await db.dispose()
        return
    admin = Database(database_url)
    await _schema(admin, f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
    await _schema(admin, f"CREATE SCHEMA {SCHEMA}")
    db = Database(database_url, connect_args={"server_settings": {"search_path": SCHEMA}})
    try:
        await upgrade(db, "0007")
        yield db
    finally:
        await db.dispose()
        await _schema(admin, f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
        await admin.dispose()


async def add_old_rows(db: Database) -> None:
    async with db.engine.begin() as connection:
        for key, fields in OLD_ROWS.items():
            row = {"priority": 100, "status": "pending", "attempts": 0, **fields}
            sent = {"sent_at": NOW - timedelta(hours=1)} if row["status"] == "sent" else {}
            await connection.execute(
                old_outbox.insert().values(
                    key=key, kind="test", next_attempt_at=NOW - timedelta(minutes=5),
                    created_at=NOW - timedelta(hours=2), **sent, **row,
                )
            )  # fmt: skip


async def columns(db: Database) -> set[str]:
    async with db.engine.connect() as connection:
        found = await connection.run_sync(lambda c: sa.inspect(c).get_columns("outbox"))
    return {column["name"] for column in found}


async def downgrade(db: Database, revision: str) -> None:
    def run(connection: Connection) -> None:
        command.downgrade(alembic_config(connection), revision)

    async with db.engine.begin() as connection:
        await connection.run_sync(run)


async def rows(db: Database) -> dict[str, Outbox]:
    async with db.transaction() as session:
        return {row.key: row for row in (await session.scalars(sa.select(Outbox))).all()}


async def test_old_rows_arrive_as_the_old_sender_sent_them(
    at_0007: Database, fake: FakeTelegram, prompts: Prompts
) -> None:
    await add_old_rows(at_0007)
    await upgrade(at_0007)
    assert {"message", "language", "parts_sent"} <= await columns(at_0007)
    assert not set(OLD) & await columns(at_0007)
    # Every row is converted, sent ones too (/mydata and erasure read them).
    assert all(reply_from_json(r.message) for r in (await rows(at_0007)).values())

    for fields in OLD_ROWS.values():
        fake.user_sends_text(fields["chat_id"], "hello")  # a bot may write only to who wrote
    clock, pacer = FakeClock(NOW), Pacer()
    async with Bot("123456:TEST", base_url=fake.base_url) as bot:
        transport = TelegramOutbox(bot, prompts)
        for _ in range(10):
            await delivery.deliver_due(at_0007, transport, clock, pacer, max_seconds=1.5)
            if all(r.status is OutboxStatus.SENT for r in (await rows(at_0007)).values()):
                break
    assert all(r.status is OutboxStatus.SENT for r in (await rows(at_0007)).values())
    assert fake.sent[0].chat_id == 7003  # the alert, at priority 0, first

    (checkin,) = fake.messages_to(7001)
    assert checkin.method == "sendMessage" and checkin.parse_mode == "HTML"
    assert checkin.text == OLD_ROWS["checkin"]["text"]
    keyboard = (checkin.reply_markup or {})["inline_keyboard"]
    assert [[[b["text"], b["callback_data"]] for b in row] for row in keyboard] == CHECKIN_BUTTONS
    (csv,) = fake.messages_to(7002)
    assert csv.method == "sendDocument" and csv.text is None
    assert csv.document_name == "comments-2026-11-16.csv"
    assert csv.document_bytes == OLD_ROWS["csv"]["document"].encode()
    (alert,) = fake.messages_to(7003)
    assert alert.text == OLD_ROWS["alert"]["text"] and alert.buttons() == []
    # Too long for one message: it was refused whole before; now it goes in parts, as a reply.
    assert [m.text for m in fake.messages_to(7004)] == split_message(LONG)
    assert len(split_message(LONG)) > 1
    (both,) = fake.messages_to(7005)
    assert both.method == "sendDocument" and both.document_name == "file.txt"
    assert both.document_bytes == b"x,y\r\n" and both.text is None
    assert fake.messages_to(7006) == []
    assert fake.violations == []


async def test_downgrading_gives_back_the_old_rows(at_0007: Database) -> None:
    await add_old_rows(at_0007)
    async with at_0007.engine.connect() as connection:
        before = {r.key: r for r in await connection.execute(sa.select(old_outbox))}
    await upgrade(at_0007)
    async with at_0007.transaction() as session:
        # One queued after the upgrade, of prompt keys: there is no way to write it out below.
        await delivery.enqueue(
            session, key="new", kind="reply", chat_id=7007, person_id=None, now=NOW,
            reply=Reply((Say("youdid.thanks"),)),
        )  # fmt: skip
    await downgrade(at_0007, "0007")
    assert set(OLD) <= await columns(at_0007)
    async with at_0007.engine.connect() as connection:
        after = {r.key: r for r in await connection.execute(sa.select(old_outbox))}
    sa_outbox = sa.table("outbox", sa.column("key"), sa.column("last_error"))
    async with at_0007.engine.connect() as connection:
        errors = dict((await connection.execute(sa.select(sa_outbox))).tuples().all())
    for key in OLD_ROWS.keys() - {"both"}:
        assert after[key] == before[key], key
    # The text the old sender left out is gone; the file it sent is back.
    assert after["both"].document == before["both"].document and after["both"].text is None
    assert after["new"].status == "failed" and after["new"].text is None
    assert errors["new"] == "not sent: downgraded past revision 0008"
