"""The plain python-telegram-bot bots Natter's ingest is measured against (benchmarks/ingest.py).

* The echo bot: one MessageHandler that replies with the text; no database. What PTB itself costs.
* The storing bot: one MessageHandler that stores each message with one SQLAlchemy Core INSERT
  into a table of its own, commits (aiosqlite, or asyncpg on PostgreSQL), then replies once with
  `reply_text`: the least a bot that keeps what people say must do, written the way the
  SQLAlchemy and PTB documentation show it.
* The reading bot: the storing bot that first reads each message as issues 13 and 15 require
  of Natter when it stores one (screened for danger and early signs, its kind, its themes,
  names kept out: the same readers Natter loads from prompts/), and stores those with it. What
  those requirements cost any bot, so the rest is what Natter's own house costs.

The storing bots' SQLite connections get the same journal settings as Natter's (WAL,
synchronous=NORMAL, storage/db.py), so they and Natter pay the same for a commit.

Both use no rate limiter (the ingest figures lift Natter's cap too, benchmarks/updates.py), and
are fed the same kind of updates as Natter, one at a time (benchmarks/feeding.py).
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    MetaData,
    Table,
    Text,
    event,
    func,
    insert,
    select,
)
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from telegram import Update
from telegram.ext import Application, ApplicationBuilder, ContextTypes, MessageHandler, filters

from benchmarks import common, data, plans
from benchmarks.feeding import Errors, Result, feed
from benchmarks.offline import OfflineRequest
from benchmarks.updates import Participants
from bot.core import comments
from bot.language import WordLists, load_word_lists

THANKS = "Thank you, noted."
STORING = "baseline: PTB + one INSERT"
READING = "baseline: PTB + reading + one INSERT"
# The baselines' senders: any chats will do, the baselines know no projects.
MEMBERS = [data.Member(i, 90_000_000 + i, 1, "") for i in range(1, 2001)]
metadata = MetaData()
baseline_messages = Table(
    "baseline_messages",
    metadata,
    Column("chat_id", BigInteger, primary_key=True),
    Column("message_id", BigInteger, primary_key=True),
    Column("text", Text, nullable=False),
    Column("kind", Text),
    Column("themes", Text),
    Column("quoted", Text),
    Column("flagged", Boolean),
)
_STORE = insert(baseline_messages)


def _plain_app(request: OfflineRequest) -> Application:  # type: ignore[type-arg]
    builder = ApplicationBuilder().token(common.TOKEN).request(request)
    return builder.get_updates_request(OfflineRequest()).build()


async def echo(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.message
    assert message is not None and message.text is not None
    await message.reply_text(message.text)


def echo_app(request: OfflineRequest) -> Application:  # type: ignore[type-arg]
    app = _plain_app(request)
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    return app


def _sqlite_journal(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def plain_engine(url: str, schema: str | None = None) -> AsyncEngine:
    """`create_async_engine` as its documentation shows it, on the benchmark's database."""
    if make_url(url).get_backend_name() == "sqlite":
        engine = create_async_engine(url)
        event.listen(engine.sync_engine, "connect", _sqlite_journal)
        return engine
    server_settings = {"search_path": schema} if schema else {}
    return create_async_engine(url, connect_args={"server_settings": server_settings})


class Store:
    """The storing bot's one handler: INSERT, COMMIT, reply; with `words`, the message read
    first as Natter reads one it stores."""

    def __init__(self, engine: AsyncEngine, words: WordLists | None = None) -> None:
        self.engine = engine
        self.words = words

    async def __call__(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.message
        assert message is not None and message.text is not None
        row = {"chat_id": message.chat_id, "message_id": message.message_id,
               "text": message.text}  # fmt: skip
        if self.words is not None:
            row.update(_read(self.words, message.text))
        async with self.engine.begin() as conn:
            await conn.execute(_STORE, row)
        await message.reply_text(THANKS)


def _read(words: WordLists, text: str) -> dict[str, object]:
    flagged = bool(words.safeguarding.concerns(text)) or bool(words.early_signs.concerns(text))
    kind, themes = comments.read(words, text, "free")
    return {"kind": kind.value, "themes": json.dumps(themes), "quoted": comments.quoted_of(text),
            "flagged": flagged}  # fmt: skip


async def storing_app(
    request: OfflineRequest, engine: AsyncEngine, words: WordLists | None = None
) -> Application:  # type: ignore[type-arg]
    async with engine.begin() as conn:
        await conn.run_sync(metadata.create_all)
    app = _plain_app(request)
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, Store(engine, words)))
    return app


async def echo_run(count: int, warmup: int) -> Result:
    """The first baseline: a plain echo bot through the same offline request."""
    request = OfflineRequest()
    app = echo_app(request)
    source = Participants(MEMBERS)
    async with app:
        await feed(app, source.updates(app.bot, warmup))
        fed = await feed(app, source.updates(app.bot, count))
    assert request.calls["sendMessage"] == warmup + count, request.calls
    return Result("echo bot (no database)", count, fed.wall, fed.cpu, fed.latencies)


async def storing_run(
    target: common.Target, count: int, warmup: int, *, reading: bool = False
) -> Result:
    """The realistic baseline: a plain PTB bot that INSERTs, commits and replies (having read
    each message first, with `reading`)."""
    async with common.open_database(target) as db:
        engine = plain_engine(db.url, common.search_path(db.url))
        try:
            request = OfflineRequest()
            app = await storing_app(request, engine, load_word_lists() if reading else None)
            errors = Errors()
            app.add_error_handler(errors)
            source = Participants(MEMBERS)
            async with app:
                with plans.counting(engine) as tally:
                    await feed(app, source.updates(app.bot, warmup))
                fed = await feed(app, source.updates(app.bot, count))
            async with engine.connect() as conn:
                count_rows = select(func.count()).select_from(baseline_messages)
                stored = await conn.scalar(count_rows)
        finally:
            await engine.dispose()
    if stored != warmup + count or request.calls["sendMessage"] != warmup + count:
        print(f"!! baseline, {target.label}: {stored} stored, {request.calls} calls")
    label = f"{READING if reading else STORING}, {target.label}"
    statements = tally.statements / warmup if warmup else 0.0
    return Result(label, count, fed.wall, fed.cpu, fed.latencies, len(errors.seen), statements)
