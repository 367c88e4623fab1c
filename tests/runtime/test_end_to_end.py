"""End to end over real HTTP: `natter run` as a subprocess against the fake Bot API server.

The test plays a participant: join by deep link, consent, answer, skip, a restart in the middle of
the questions, a free message, /mydata, /forget, and Telegram refusing or failing on the way.
"""

from __future__ import annotations

import asyncio
import signal
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select, update

from bot import delivery
from storage.db import Database
from storage.models import Comment, Digest, GroupSession, Person, Project, Response
from tests.fake_telegram import FakeTelegram, SentMessage
from tests.support.harness import Harness
from tests.support.outbox import html
from tests.support.processes import BotProcess
from tests.support.seed import seed_project

ANN = 424242


@pytest.fixture
async def bot(
    fake: FakeTelegram, db: Database, database_url: str, tmp_path: Path
) -> AsyncIterator[BotProcess]:
    process = BotProcess(fake, database_url, tmp_path)
    await process.start()
    yield process
    code = await process.stop()
    assert code == 0, process.log.read_text()
    log = process.log.read_text()
    assert "Traceback" not in log, log
    assert fake.violations == [], fake.violations


async def test_participant_journey_over_http(
    fake: FakeTelegram, bot: BotProcess, db: Database, harness: Harness
) -> None:
    seeded = await seed_project(db)

    fake.user_sends_text(ANN, f"/start {seeded.participant_code}")
    consent = await fake.next_message(ANN)
    assert "Firth Park Coffee Morning" in (consent.text or "")
    assert [label for label, _ in consent.buttons()] == ["Yes", "Tell me more", "No thanks"]
    assert await harness.count(Person) == 0

    fake.user_presses(ANN, consent.message_id, consent.buttons()[0][1])
    first = await fake.next_message(ANN)
    assert "What did you enjoy" in (first.text or "")

    fake.user_sends_text(ANN, "The singing 🎶 & the <b>cake</b>")
    second = await fake.next_message(ANN)
    assert "change" in (second.text or "")
    fake.user_presses(ANN, second.message_id, second.buttons()[0][1])  # Skip
    third = await fake.next_message(ANN)
    assert "start doing" in (third.text or "")

    # Kill the bot in the middle of the questions; the next one carries on where Ann was.
    await bot.stop(signal.SIGKILL)
    await bot.start()
    fake.user_sends_text(ANN, "A singalong")
    fourth = await fake.next_message(ANN)
    assert "anything else" in (fourth.text or "")
    fake.user_sends_text(ANN, "No, thank you")  # the Skip button, typed out: not feedback
    done = await fake.next_message(ANN)
    assert "passed all that on" in (done.text or "")

    fake.user_sends_text(ANN, "The hall was cold today")
    thanks = await fake.next_message(ANN)
    assert "passed that on to Firth Park Coffee Morning" in (thanks.text or "")
    stored = sorted((c.question_key or "", c.text) for c in await harness.rows(Comment))
    assert stored == [
        ("", "The hall was cold today"),
        ("enjoyed", "The singing 🎶 & the <b>cake</b>"),
        ("start", "A singalong"),
    ]

    fake.user_sends_text(ANN, "/mydata")
    mydata = await fake.next_message(ANN)
    assert mydata.document_bytes is not None
    assert "The singing 🎶 & the <b>cake</b>" in mydata.document_bytes.decode()

    fake.user_sends_text(ANN, "/forget")
    ask = await fake.next_message(ANN)
    fake.user_presses(ANN, ask.message_id, ask.buttons()[0][1])  # Yes, delete it all
    gone = await fake.next_message(ANN)
    assert "deleted everything" in (gone.text or "")
    assert await harness.count(Person) == 0
    assert await harness.count(Comment) == 0


async def test_telegram_errors_and_a_blocked_user_lose_nothing(
    fake: FakeTelegram, bot: BotProcess, db: Database, harness: Harness
) -> None:
    seeded = await seed_project(db)
    fake.user_sends_text(ANN, f"/start {seeded.participant_code}")
    consent = await fake.next_message(ANN)
    fake.user_presses(ANN, consent.message_id, consent.buttons()[0][1])
    await fake.next_message(ANN)

    # Telegram is briefly overloaded, then failing: the reply still arrives.
    fake.fail_next("sendMessage", 429, retry_after=1)
    fake.user_sends_text(ANN, "Lovely biscuits")
    assert "change" in ((await fake.next_message(ANN)).text or "")
    fake.fail_next("sendMessage", 502, count=2)
    fake.user_sends_text(ANN, "More chairs please")
    assert "start doing" in ((await fake.next_message(ANN)).text or "")

    # Ann blocks the bot just after writing: what she said is kept, she is marked unreachable.
    fake.fail_next("sendMessage", 403, description="Forbidden: bot was blocked by the user")
    fake.user_sends_text(ANN, "A quiz night")
    await _eventually(lambda: _unreachable(harness))
    assert await harness.count(Comment) == 3

    # Stickers and unknown commands get kind answers.
    fake.user_sends(ANN, {"sticker": {"file_id": "s", "file_unique_id": "su", "type": "regular",
                                      "width": 512, "height": 512, "is_animated": False,
                                      "is_video": False}})  # fmt: skip
    assert "only read words" in ((await fake.next_message(ANN)).text or "")
    fake.user_sends_text(ANN, "/bingo")
    assert "don't know that one" in ((await fake.next_message(ANN)).text or "")


async def _unreachable(harness: Harness) -> bool:
    people = await harness.rows(Person)
    return bool(people) and people[0].unreachable


async def _eventually(check: Callable[[], Awaitable[bool]], tries: int = 150) -> None:
    """Poll the database (another process writes it) until `check` holds."""
    for _ in range(tries):
        if await check():
            return
        await asyncio.sleep(0.1)
    raise AssertionError("the condition never became true")


async def test_a_participants_words_reach_the_staff_digest(
    fake: FakeTelegram, bot: BotProcess, db: Database, harness: Harness
) -> None:
    seeded = await seed_project(db, now=datetime.now(UTC))  # staff links expire after 7 days
    staff, ann = 515151, 616161
    await join_over_http(fake, staff, seeded.staff_code)
    await join_over_http(fake, ann, seeded.participant_code)
    fake.user_sends_text(ann, "Bring back the singalong & the scones")
    await fake.next_message(ann)

    # A week passes: Ann's words now belong to last week, whose digest is due today at 00:00.
    await bot.stop()
    await _a_week_passes(db)
    await bot.start()

    digest = await fake.next_message(staff)
    assert "Bring back the singalong &amp; the scones" in (digest.text or "")
    (person,) = await harness.rows(Person, Person.telegram_id == ann)
    assert f"Person {person.pseudonym}" in (digest.text or "")
    assert str(ann) not in (digest.text or "")
    # Then the charts (comments each week first, its figures as the caption), and the spreadsheet.
    chart = await fake.next_message(staff)
    assert chart.method == "sendPhoto" and "In all: 1." in (chart.text or "")
    assert chart.document_name == "picture.png"  # not a QR code's "invite.png"
    charts = 1
    spreadsheet = await fake.next_message(staff)
    while spreadsheet.method == "sendPhoto":  # the themes and "you said, we did", as read
        charts += 1
        spreadsheet = await fake.next_message(staff)
    assert spreadsheet.document_name and spreadsheet.document_name.endswith(".csv")
    assert "Bring back the singalong & the scones" in (spreadsheet.document_bytes or b"").decode()

    # Restarting plans nothing new: the ledger already has this week.
    await bot.stop()
    await bot.start()
    await asyncio.sleep(3)
    # The consent question, the welcome, the digest, its charts and spreadsheet: nothing more.
    assert len(fake.messages_to(staff)) == 4 + charts
    assert await harness.count(Digest, Digest.project_id == seeded.project_id) == 1


async def test_killed_while_sending_then_restarted_sends_the_rest_once(
    fake: FakeTelegram, bot: BotProcess, db: Database, harness: Harness
) -> None:
    chats = list(range(810_000, 810_040))
    for chat in chats:
        fake.user_sends_text(chat, "hello")  # Telegram lets a bot write only to people who wrote
    await fake.wait_until(lambda: all(fake.messages_to(c) for c in chats), timeout=30)
    now = datetime.now(UTC)
    async with db.transaction() as session:
        for chat in chats:
            await delivery.enqueue(
                session, key=f"digest:test:{chat}", kind="digest", chat_id=chat,
                person_id=None, now=now, reply=html(f"Digest for {chat}"),
            )  # fmt: skip

    def delivered() -> Counter[int]:
        return Counter(m.chat_id for m in fake.sent if (m.text or "").startswith("Digest for"))

    await fake.wait_until(lambda: sum(delivered().values()) >= 8, timeout=30)
    await bot.stop(signal.SIGKILL)
    await bot.start()
    # Everything but the message in flight at the kill goes out once; that one waits for its
    # lease to run out (a minute), so at most one chat is missing or doubled here.
    await fake.wait_until(lambda: len(delivered()) >= len(chats) - 1, timeout=60)
    await asyncio.sleep(2)
    counts = delivered()
    assert all(n <= 2 for n in counts.values())
    odd = [c for c in chats if counts[c] != 1]
    assert len(odd) <= 1, odd
    assert fake.rate_limited == []


async def test_a_volunteers_coffee_morning_reaches_the_staff_digest(
    fake: FakeTelegram, bot: BotProcess, db: Database, harness: Harness
) -> None:
    seeded = await seed_project(db, now=datetime.now(UTC))
    staff, volunteer = 525252, 626262
    await join_over_http(fake, staff, seeded.staff_code)
    await join_over_http(fake, volunteer, seeded.volunteer_code)

    async def tap(label: str) -> SentMessage:
        message = fake.messages_to(volunteer)[-1]
        data = dict(message.buttons())[label]
        fake.user_presses(volunteer, message.message_id, data)
        return await fake.next_message(volunteer)

    fake.user_sends_text(volunteer, "Note what people said")
    assert "Where are you" in ((await fake.next_message(volunteer)).text or "")
    fake.user_sends_text(volunteer, "the coffee morning at Firth Park")
    await fake.next_message(volunteer)
    await tap("Today")
    await tap("6 to 10")
    for words in ("Warm welcome", "Tea too weak", "More biscuits", "A quiz please", "Oops, a name"):
        fake.user_sends_text(volunteer, words)
        await fake.next_message(volunteer)
    assert "4 so far" in ((await tap("Undo last")).text or "")
    done = await tap("Done")
    assert "I've noted 4 things from the coffee morning at Firth Park" in (done.text or "")

    # A week later, the staff digest names the session and quotes the group.
    await bot.stop()
    await _a_week_passes(db)
    await bot.start()
    digest = (await fake.next_message(staff)).text or ""
    assert "the coffee morning at Firth Park" in digest
    assert "about 6-10 people, 4 noted" in digest
    assert "Oops, a name" not in digest
    assert "At the coffee morning at Firth Park, people said:" in digest


async def _a_week_passes(db: Database) -> None:
    """Move what was said a week back, and make last week's digest due today at 00:00."""
    now = datetime.now(UTC)
    async with db.transaction() as session:
        for comment in (await session.scalars(select(Comment))).all():
            comment.created_at -= timedelta(days=7)
        for group in (await session.scalars(select(GroupSession))).all():
            group.opened_at -= timedelta(days=7)
        await session.execute(
            update(Project).values(
                created_at=now - timedelta(days=30),
                digest_weekday=now.astimezone(ZoneInfo("Europe/London")).weekday(),
                digest_time="00:00",
            )
        )


async def test_you_said_we_did_over_http(
    fake: FakeTelegram, bot: BotProcess, db: Database, harness: Harness
) -> None:
    seeded = await seed_project(db, now=datetime.now(UTC))
    staff, ann = 535353, 636363
    await join_over_http(fake, staff, seeded.staff_code)
    await join_over_http(fake, ann, seeded.participant_code)

    def press(user: int, message: SentMessage, label: str) -> None:
        fake.user_presses(user, message.message_id, dict(message.buttons())[label])

    first_question = fake.messages_to(ann)[-1]
    press(ann, first_question, "Skip")
    await fake.next_message(ann)
    fake.user_sends_text(ann, "Please can the hall be warmer?")
    await fake.next_message(ann)

    fake.user_sends_text(staff, "/replies")
    listing = await fake.next_message(staff)
    assert "Please can the hall be warmer?" in (listing.text or "")
    press(staff, listing, "Tick 1")
    await fake.wait_until(lambda: len(fake.callback_answers) > 0)
    press(staff, listing, "Answer")
    outcome = await fake.next_message(staff)
    press(staff, outcome, "We've changed this")
    await fake.next_message(staff)
    fake.user_sends_text(staff, "The heating now comes on an hour earlier.")
    preview = await fake.next_message(staff)
    press(staff, preview, "Send it")
    assert "1 person will get your reply" in ((await fake.next_message(staff)).text or "")

    told = await fake.next_message(ann)  # delivered by the outbox sender
    assert "You told us: “Please can the hall be warmer?”" in (told.text or "")
    assert "changed this: “The heating now comes on an hour earlier.”" in (told.text or "")

    await bot.stop()
    await _a_week_passes(db)
    async with db.transaction() as session:
        for response in (await session.scalars(select(Response))).all():
            response.updated_at -= timedelta(days=7)
    await bot.start()
    digest = (await fake.next_message(staff)).text or ""
    assert "You said, we did</b> (1)" in digest
    assert (
        "• You said: “Please can the hall be warmer?” (1 person raised it).\n"
        "   We changed this: “The heating now comes on an hour earlier.”"
    ) in digest


async def join_over_http(fake: FakeTelegram, user: int, code: str) -> SentMessage:
    """Tap the invite link and say Yes; returns the welcome (or first question)."""
    fake.user_sends_text(user, f"/start {code}")
    consent = await fake.next_message(user)
    fake.user_presses(user, consent.message_id, consent.buttons()[0][1])
    return await fake.next_message(user)
