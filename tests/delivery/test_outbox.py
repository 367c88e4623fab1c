"""The outbox sender against the fake Bot API: pacing, Telegram's errors, and crashes."""

from __future__ import annotations

import asyncio
import itertools
from collections import Counter
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from telegram import Bot

from bot import delivery
from bot.core import Button, Document, Reply, Say, fit_messages, split_message
from bot.delivery import sender
from bot.delivery.pacing import Pacer
from handlers.outbound import TelegramOutbox
from storage.db import Database
from storage.models import Outbox, OutboxStatus, Person, Role
from storage.repositories import outbox
from tests.fake_telegram import FakeTelegram, SentMessage
from tests.support.harness import FakeClock, Harness
from tests.support.outbox import html
from tests.support.team import add_member

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
CSV = Document(Say("digest.csv_file", {"week": "2026-11-16"}), content="a,b\n1,2\n")
SPREADSHEET = Reply((), documents=(CSV,))


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    # A per-chat burst of 1: any second message to one chat within a second is a 429.
    async with FakeTelegram(token="123456:TEST", per_chat_burst=1) as server:
        yield server


@pytest.fixture
async def bot(fake: FakeTelegram) -> AsyncIterator[Bot]:
    async with Bot("123456:TEST", base_url=fake.base_url, base_file_url=fake.base_file_url) as b:
        yield b


async def queue(
    db: Database, fake: FakeTelegram, chats: list[int], per_chat: int = 1, document: bool = False
) -> list[str]:
    keys = []
    for chat in chats:
        fake.user_sends_text(chat, "/start")  # Telegram only lets a bot write to people who wrote
        person = await add_member(db, chat, None, Role.PROGRAMME, NOW, f"T{chat}")
        async with db.transaction() as session:
            for n in range(per_chat):
                key = f"test:{chat}:{n}"
                await delivery.enqueue(
                    session, key=key, kind="digest", chat_id=chat, person_id=person, now=NOW,
                    reply=SPREADSHEET if document else html(f"Message {n} for <b>{chat}</b>"),
                )  # fmt: skip
                keys.append(key)
    return keys


async def drain(harness: Harness, bot: Bot, clock: FakeClock, pacer: Pacer) -> None:
    for _ in range(20):
        await sender.deliver_due(
            harness.db, TelegramOutbox(bot, harness.prompts), clock, pacer, max_seconds=2
        )
        if not await harness.rows(Outbox, Outbox.status == OutboxStatus.PENDING):
            return
    raise AssertionError("the outbox never emptied")


def busiest_second(sent: list[SentMessage]) -> int:
    times = sorted(m.sent_at for m in sent)
    return max((sum(1 for t in times if start <= t < start + 1.0) for start in times), default=0)


async def test_paced_under_telegram_limits(harness: Harness, fake: FakeTelegram, bot: Bot) -> None:
    chats = list(range(1000, 1020))
    keys = await queue(harness.db, fake, chats, per_chat=3)
    clock = FakeClock(NOW)
    await drain(harness, bot, clock, Pacer())
    sent = [m for m in fake.sent if m.method == "sendMessage"]
    assert len(sent) == len(keys) == 60
    assert fake.rate_limited == [] and fake.violations == []
    assert busiest_second(sent) <= 25
    for chat in chats:
        times = sorted(m.sent_at for m in sent if m.chat_id == chat)
        assert all(b - a >= 1.0 for a, b in itertools.pairwise(times)), chat
    statuses = Counter(r.status for r in await harness.rows(Outbox))
    assert statuses == {OutboxStatus.SENT: 60}


async def test_a_run_ends_by_its_deadline_rather_than_wait_past_it(
    harness: Harness, fake: FakeTelegram, bot: Bot
) -> None:
    """The sender runs every second; a run that waited out the overall limit past its deadline
    would make the scheduler skip the next run, halving the rate."""
    await queue(harness.db, fake, list(range(2000, 2010)))
    pacer = Pacer(overall_per_second=4)
    started = asyncio.get_running_loop().time()
    sent = await sender.deliver_due(
        harness.db, TelegramOutbox(bot, harness.prompts), FakeClock(NOW), pacer, max_seconds=0.5
    )
    took = asyncio.get_running_loop().time() - started
    assert sent == 4  # the limit's worth, then it stopped instead of waiting a second
    assert took < 0.9, took
    sent += await sender.deliver_due(
        harness.db, TelegramOutbox(bot, harness.prompts), FakeClock(NOW), pacer, max_seconds=1.5
    )
    assert sent == 8  # the next run picks up where the limit allows


async def test_429_waits_retry_after_then_delivers(
    harness: Harness, fake: FakeTelegram, bot: Bot
) -> None:
    await queue(harness.db, fake, [2001])
    fake.fail_next("sendMessage", 429, retry_after=30)
    clock = FakeClock(NOW)
    await sender.deliver_due(harness.db, TelegramOutbox(bot, harness.prompts), clock, Pacer())
    (row,) = await harness.rows(Outbox)
    assert row.status is OutboxStatus.PENDING and row.next_attempt_at == NOW + timedelta(seconds=30)
    clock.advance(seconds=29)
    assert (
        await sender.deliver_due(harness.db, TelegramOutbox(bot, harness.prompts), clock, Pacer())
        == 0
    )
    clock.advance(seconds=1)
    assert (
        await sender.deliver_due(harness.db, TelegramOutbox(bot, harness.prompts), clock, Pacer())
        == 1
    )
    assert len(fake.messages_to(2001)) == 1


async def test_5xx_backs_off_then_recovers_or_fails_visibly(
    harness: Harness, fake: FakeTelegram, bot: Bot
) -> None:
    await queue(harness.db, fake, [3001])
    fake.fail_next("sendMessage", 502, count=2)
    clock = FakeClock(NOW)
    # A fresh pacer each round: the fake clock jumps hours, real time only milliseconds.
    await sender.deliver_due(harness.db, TelegramOutbox(bot, harness.prompts), clock, Pacer())
    (row,) = await harness.rows(Outbox)
    assert row.status is OutboxStatus.PENDING and row.attempts == 1 and row.last_error
    for _ in range(2):
        clock.advance(hours=1)
        await sender.deliver_due(harness.db, TelegramOutbox(bot, harness.prompts), clock, Pacer())
    (row,) = await harness.rows(Outbox)
    assert row.status is OutboxStatus.SENT and row.attempts == 3

    await queue(harness.db, fake, [3002])
    fake.fail_next("sendMessage", 500, count=sender.MAX_ATTEMPTS + 5)
    for _ in range(sender.MAX_ATTEMPTS + 2):
        clock.advance(hours=2)
        await sender.deliver_due(harness.db, TelegramOutbox(bot, harness.prompts), clock, Pacer())
    failed = await harness.rows(Outbox, Outbox.chat_id == 3002)
    assert failed[0].status is OutboxStatus.FAILED and failed[0].attempts == sender.MAX_ATTEMPTS
    async with harness.db.transaction() as session:
        listed = await outbox.listing(session, [OutboxStatus.FAILED])
    assert [r.chat_id for r in listed] == [3002]


async def test_blocked_person_is_marked_unreachable_and_not_retried(
    harness: Harness, fake: FakeTelegram, bot: Bot
) -> None:
    await queue(harness.db, fake, [4001], per_chat=2)
    fake.block_bot(4001)
    clock = FakeClock(NOW)
    await sender.deliver_due(harness.db, TelegramOutbox(bot, harness.prompts), clock, Pacer())
    clock.advance(days=1)
    await sender.deliver_due(harness.db, TelegramOutbox(bot, harness.prompts), clock, Pacer())
    rows = await harness.rows(Outbox)
    assert {r.status for r in rows} == {OutboxStatus.UNREACHABLE}
    assert all(r.attempts == 1 for r in rows)
    (person,) = await harness.rows(Person)
    assert person.unreachable is True


async def test_paused_person_is_skipped(harness: Harness, fake: FakeTelegram, bot: Bot) -> None:
    await queue(harness.db, fake, [5001])
    async with harness.db.transaction() as session:
        (await session.get(Person, (await harness.rows(Person))[0].id)).paused = True  # type: ignore[union-attr]
    await sender.deliver_due(
        harness.db, TelegramOutbox(bot, harness.prompts), FakeClock(NOW), Pacer()
    )
    assert fake.messages_to(5001) == []
    assert (await harness.rows(Outbox))[0].status is OutboxStatus.SKIPPED


async def test_documents_are_sent_as_files(harness: Harness, fake: FakeTelegram, bot: Bot) -> None:
    await queue(harness.db, fake, [6001], document=True)
    await sender.deliver_due(
        harness.db, TelegramOutbox(bot, harness.prompts), FakeClock(NOW), Pacer()
    )
    (doc,) = fake.messages_to(6001)
    assert doc.document_name == "comments-2026-11-16.csv" and doc.document_bytes == b"a,b\n1,2\n"


async def test_a_crash_mid_send_duplicates_at_most_the_message_in_flight(
    harness: Harness, fake: FakeTelegram, bot: Bot
) -> None:
    keys = await queue(harness.db, fake, list(range(7000, 7010)))
    clock = FakeClock(NOW)
    # A sender claims a message and Telegram delivers it, then the process dies before it
    # can record that: the row stays `sending` under its lease.
    in_flight = await sender._claim(harness.db, clock)
    assert in_flight is not None
    await TelegramOutbox(bot, harness.prompts).deliver(in_flight)
    # After a restart, everything else goes at once; the lost one once its lease is over.
    await sender.deliver_due(
        harness.db, TelegramOutbox(bot, harness.prompts), clock, Pacer(), max_seconds=10
    )
    assert sum(1 for r in await harness.rows(Outbox) if r.status is OutboxStatus.SENT) == 9
    clock.advance(seconds=sender.LEASE.total_seconds() + 1)
    await asyncio.sleep(1.1)  # the fake keeps Telegram's 1 a second per chat in real time
    await sender.deliver_due(
        harness.db, TelegramOutbox(bot, harness.prompts), clock, Pacer(), max_seconds=10
    )
    delivered = Counter(m.chat_id for m in fake.sent)
    assert set(delivered) == set(range(7000, 7010)) and len(keys) == 10
    assert [chat for chat, n in delivered.items() if n > 1] == [in_flight.chat_id]
    assert delivered[in_flight.chat_id] == 2


async def test_alerts_jump_the_queue(harness: Harness, fake: FakeTelegram, bot: Bot) -> None:
    await queue(harness.db, fake, [8001, 8002])
    async with harness.db.transaction() as session:
        await delivery.enqueue(
            session, key="alert", kind="alert", chat_id=8002, person_id=None, now=NOW,
            reply=html("Urgent"), priority=0,
        )  # fmt: skip
    await sender.deliver_due(
        harness.db, TelegramOutbox(bot, harness.prompts), FakeClock(NOW), Pacer(), max_seconds=10
    )
    assert fake.sent[0].text == "Urgent"


async def test_two_senders_at_once_send_each_message_once(
    harness: Harness, fake: FakeTelegram, bot: Bot, database_url: str
) -> None:
    chats = list(range(9000, 9030))
    await queue(harness.db, fake, chats)
    other = Database(database_url)
    try:
        clock = FakeClock(NOW)
        await asyncio.gather(
            sender.deliver_due(
                harness.db, TelegramOutbox(bot, harness.prompts), clock, Pacer(), max_seconds=5
            ),
            sender.deliver_due(
                other, TelegramOutbox(bot, harness.prompts), clock, Pacer(), max_seconds=5
            ),
        )
    finally:
        await other.dispose()
    delivered = Counter(m.chat_id for m in fake.sent)
    assert delivered == Counter(chats)


async def test_a_garbled_row_fails_on_its_own_and_the_rest_go(
    harness: Harness, fake: FakeTelegram, bot: Bot
) -> None:
    await queue(harness.db, fake, [10001, 10002])
    garbled = {
        "broken": '{"v":1,"parts":[',
        "newer": '{"v":2,"parts":[],"buttons":[],"html":["Hi"],"documents":[]}',
        "odd": '{"v":1,"parts":[{"key":"x"}],"buttons":[],"html":[],"documents":[]}',
    }
    async with harness.db.transaction() as session:
        for key, stored in garbled.items():
            await outbox.enqueue(
                session, key=key, kind="digest", chat_id=10001, person_id=None, now=NOW,
                message=stored, language="en", priority=0,
            )  # fmt: skip
    await sender.deliver_due(
        harness.db, TelegramOutbox(bot, harness.prompts), FakeClock(NOW), Pacer(), max_seconds=5
    )
    rows = {row.key: row for row in await harness.rows(Outbox)}
    for key in garbled:
        assert rows[key].status is OutboxStatus.FAILED, key
        assert (rows[key].last_error or "").startswith("unreadable: "), rows[key].last_error
    assert "version 2" in (rows["newer"].last_error or "")
    assert [m.text for m in sorted(fake.sent, key=lambda m: m.chat_id)] == [
        "Message 0 for <b>10001</b>",
        "Message 0 for <b>10002</b>",
    ]


async def test_a_message_these_prompts_cannot_render_fails_visibly(
    harness: Harness, fake: FakeTelegram, bot: Bot
) -> None:
    await queue(harness.db, fake, [11001])
    async with harness.db.transaction() as session:
        for key, reply in (
            ("unknown", Reply.of("no.such.prompt")),
            ("short", Reply.of("care.alert")),
        ):
            await delivery.enqueue(
                session, key=key, kind="alert", chat_id=11001, person_id=None, now=NOW,
                reply=reply, priority=0,
            )  # fmt: skip
    await sender.deliver_due(
        harness.db, TelegramOutbox(bot, harness.prompts), FakeClock(NOW), Pacer(), max_seconds=5
    )
    rows = {row.key: row for row in await harness.rows(Outbox)}
    for key in ("unknown", "short"):
        assert rows[key].status is OutboxStatus.FAILED and rows[key].attempts == 1
        assert (rows[key].last_error or "").startswith("cannot render: KeyError"), key
    assert [m.text for m in fake.messages_to(11001)] == ["Message 0 for <b>11001</b>"]


async def test_a_long_message_goes_in_parts_like_a_reply_each_paced_and_once(
    harness: Harness, fake: FakeTelegram, bot: Bot
) -> None:
    chat = 12001
    fake.user_sends_text(chat, "/start")
    said = [f"Line {n}: " + "and then we <talked> " * 12 for n in range(50)]
    reply = Reply(
        (*(Say("youdid.you_said", {"said": line}) for line in said), Say("youdid.thanks")),
        (Button(Say("buttons.reviewed_n", {"number": 1}), "flg:1"),),
    )
    chunks = fit_messages(harness.prompts, reply.parts, "en")
    assert len(chunks) >= 3
    async with harness.db.transaction() as session:
        await delivery.enqueue(
            session, key="long", kind="reply", chat_id=chat, person_id=None, now=NOW, reply=reply
        )
    clock, pacer, transport = FakeClock(NOW), Pacer(), TelegramOutbox(bot, harness.prompts)
    # The first part goes; the next must wait its second, so this short run ends.
    assert await sender.deliver_due(harness.db, transport, clock, pacer, max_seconds=0.5) == 1
    (row,) = await harness.rows(Outbox)
    assert row.status is OutboxStatus.PENDING and row.parts_sent == 1
    # Flood control on the second part: only that part is tried again, after the wait.
    # (A short wait: the pacer holds the chat for it in real time as well.)
    fake.fail_next("sendMessage", 429, retry_after=1)
    await sender.deliver_due(harness.db, transport, clock, pacer, max_seconds=2)
    (row,) = await harness.rows(Outbox)
    assert row.parts_sent == 1 and row.next_attempt_at == NOW + timedelta(seconds=1)
    assert pacer.busy_chats() == [chat]  # replies to that chat wait out the 429 too
    clock.advance(seconds=1)
    await sender.deliver_due(harness.db, transport, clock, pacer, max_seconds=len(chunks) + 2)
    sent = fake.messages_to(chat)
    assert [m.text for m in sent] == chunks  # each part once, in order
    assert all(m.parse_mode == "HTML" for m in sent)
    assert [m.buttons() for m in sent] == [[]] * (len(chunks) - 1) + [[("Looked at 1", "flg:1")]]
    assert all(b.sent_at - a.sent_at >= 1.0 for a, b in itertools.pairwise(sent))
    assert fake.violations == []
    (row,) = await harness.rows(Outbox)
    assert row.status is OutboxStatus.SENT and row.parts_sent == len(chunks) - 1


async def test_a_short_text_with_one_file_is_its_caption_as_in_a_reply(
    harness: Harness, fake: FakeTelegram, bot: Bot
) -> None:
    fake.user_sends_text(13001, "/start")
    reply = Reply((Say("team.export_done"),), documents=(CSV,))
    async with harness.db.transaction() as session:
        await delivery.enqueue(
            session, key="file", kind="export", chat_id=13001, person_id=None, now=NOW, reply=reply
        )
    await sender.deliver_due(
        harness.db, TelegramOutbox(bot, harness.prompts), FakeClock(NOW), Pacer()
    )
    (sent,) = fake.messages_to(13001)
    assert sent.method == "sendDocument" and sent.document_name == "comments-2026-11-16.csv"
    assert sent.text == "Here are the comments as a spreadsheet (CSV)."


async def test_a_crash_mid_way_through_a_long_message_repeats_only_the_part_in_flight(
    harness: Harness, fake: FakeTelegram, bot: Bot
) -> None:
    chat = 14001
    fake.user_sends_text(chat, "/start")
    text = "\n".join(f"Line {n}: " + "so much to say " * 20 for n in range(40))
    chunks = split_message(text)
    async with harness.db.transaction() as session:
        await delivery.enqueue(
            session, key="long", kind="digest", chat_id=chat, person_id=None, now=NOW,
            reply=html(text),
        )  # fmt: skip
    clock, pacer, transport = FakeClock(NOW), Pacer(), TelegramOutbox(bot, harness.prompts)
    await sender.deliver_due(harness.db, transport, clock, pacer, max_seconds=1.5)  # a part or two
    in_flight = await sender._claim(harness.db, clock)
    assert in_flight is not None and 1 <= (done := in_flight.parts_sent) < len(chunks) - 1
    await asyncio.sleep(1.1)
    await transport.deliver(in_flight)  # Telegram has the next part; then the process dies
    clock.advance(seconds=sender.LEASE.total_seconds() + 1)
    await asyncio.sleep(1.1)
    await sender.deliver_due(harness.db, transport, clock, Pacer(), max_seconds=len(chunks) + 2)
    sent = [m.text for m in fake.messages_to(chat)]
    assert sent == chunks[: done + 1] + chunks[done:]  # that part twice, every other once
    assert [r.status for r in await harness.rows(Outbox)] == [OutboxStatus.SENT]
