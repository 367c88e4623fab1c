"""Alerts always arrive: a danger message as long as Telegram lets anyone send (4,096 UTF-16 code
units, emoji counting two) still makes a staff alert Telegram takes, and /flagged shows every
word of it, in parts, instead of failing."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from storage.db import Database
from storage.models import Comment, Outbox
from tests.care.test_care import ANN, STAFF, alerts_to, helped, seeded
from tests.fake_telegram import FakeTelegram
from tests.fake_telegram.formatting import check_text, parse_text
from tests.runtime.test_end_to_end import join_over_http
from tests.support.harness import Harness, joined, texts
from tests.support.outbox import told
from tests.support.processes import BotProcess
from tests.support.seed import Seeded, seed_project
from tests.support.strategies import utf16

__all__ = ["seeded"]  # the fixture, shared with test_care

TELEGRAM_MAX = 4096  # what a person may send in one message, and a bot too


def longest(words: str) -> str:
    """`words` over and over, as long as one Telegram message may be."""
    out = ""
    for ch in words * TELEGRAM_MAX:
        if utf16(out + ch) > TELEGRAM_MAX:
            return out
        out += ch
    raise AssertionError("unreachable")


# More emoji than characters escaping adds: counted in Python characters it looks short enough.
LONG_DANGER = longest("I can't cope any more 😢😢😢😢😢😢 & nobody <ever> calls. ")


def plain(html: str) -> str:
    """What Telegram makes of a message, refusing it as Telegram would (too long, bad HTML)."""
    text, _ = parse_text(html, "HTML", None)
    check_text(text)
    return text


def quoted(messages: list[str]) -> str:
    """Everything quoted in the messages, one after the other, without spaces or ellipses."""
    found = re.findall(r"“(.*?)”", "\n".join(messages), flags=re.DOTALL)
    return "".join("".join(found).replace("…", "").split())


async def test_a_longest_danger_message_makes_an_alert_telegram_takes(
    harness: Harness, seeded: Seeded
) -> None:
    assert utf16(LONG_DANGER) == TELEGRAM_MAX and len(LONG_DANGER) < TELEGRAM_MAX
    reply = await harness.send(ANN, LONG_DANGER)
    assert helped(joined(reply))
    (alert,) = alerts_to(await harness.rows(Outbox), STAFF)
    (words,) = told(alert).texts  # one message: the quote is cut, not the alert's own words
    shown = plain(words)
    assert shown.startswith("Someone may need help") and "Please follow this up today" in shown
    assert "“I can't cope any more 😢😢😢😢😢😢 & nobody <ever> calls." in shown and "…”" in shown


async def test_flagged_shows_every_word_of_a_long_message_in_parts(
    harness: Harness, seeded: Seeded
) -> None:
    await harness.send(ANN, LONG_DANGER)
    await harness.send(ANN, "I have no food")
    listing = await harness.send(STAFF, "/flagged")
    sent = [plain(text) for text in texts(listing)]  # each one Telegram takes
    # The title and the first part; then the rest of it, with the next message after it.
    assert len(sent) == 2 and sent[1].startswith("Part 2 of 2 of the same message")
    assert quoted(sent) == "".join((LONG_DANGER + "I have no food").split())
    # "Looked at" (and "Write to") under the last part, for each message in order.
    labels = [label for label, _ in listing[-1].buttons]
    assert labels == ["Looked at 1", "Write to 1", "Looked at 2", "Write to 2"]
    (first,) = await harness.rows(Comment, Comment.text == LONG_DANGER)
    assert first.text == LONG_DANGER  # kept whole


# --- through the fake Bot API, with Telegram's limits -----------------------------------------


@pytest.fixture
async def bot(
    fake: FakeTelegram, db: Database, database_url: str, tmp_path: Path
) -> AsyncIterator[BotProcess]:
    process = BotProcess(fake, database_url, tmp_path)
    await process.start()
    yield process
    assert await process.stop() == 0, process.log.read_text()
    assert "Traceback" not in process.log.read_text()
    assert fake.violations == [], fake.violations


async def test_the_alert_for_a_longest_danger_message_arrives_over_http(
    fake: FakeTelegram, bot: BotProcess, db: Database
) -> None:
    seeded = await seed_project(db, now=datetime.now(UTC))  # staff links expire after 7 days
    staff, ann = 717171, 818181
    await join_over_http(fake, staff, seeded.staff_code)
    await join_over_http(fake, ann, seeded.participant_code)

    fake.user_sends_text(ann, LONG_DANGER)
    help_text = (await fake.next_message(ann)).text or ""
    assert helped(help_text)
    alert = (await fake.next_message(staff, timeout=15)).text or ""
    assert alert.startswith("<b>Someone may need help</b>")
    assert "I can't cope any more 😢😢" in alert

    fake.user_sends_text(staff, "/flagged")
    first = await fake.next_message(staff)
    second = await fake.next_message(staff)
    assert quoted([plain(m.text or "") for m in (first, second)]) == "".join(LONG_DANGER.split())
    assert [label for label, _ in second.buttons()] == ["Looked at 1", "Write to 1"]


async def test_an_edit_after_staff_looked_alerts_them_again_over_http(
    fake: FakeTelegram, bot: BotProcess, db: Database
) -> None:
    seeded = await seed_project(db, now=datetime.now(UTC))
    staff, ann = 727272, 828282
    await join_over_http(fake, staff, seeded.staff_code)
    await join_over_http(fake, ann, seeded.participant_code)
    sent = fake.user_sends_text(ann, "I can't cope")
    assert "116 123" in ((await fake.next_message(ann)).text or "")
    assert "I can't cope" in ((await fake.next_message(staff)).text or "")  # the alert
    fake.user_sends_text(staff, "/flagged")
    listing = await fake.next_message(staff)
    fake.user_presses(staff, listing.message_id, dict(listing.buttons())["Looked at 1"])
    await fake.next_message(staff)

    fake.user_edits(ann, sent["message"]["message_id"], "I have no food and no heating")
    # Other help than a minute ago (no food, not "can't cope"): given first, then the edit noted.
    assert "0800 678 1602" in ((await fake.next_message(ann)).text or "")
    assert "updated what you said" in ((await fake.next_message(ann)).text or "")
    again = (await fake.next_message(staff)).text or ""
    assert (
        again.startswith("<b>Someone may need help</b>")
        and "I have no food and no heating" in again
    )
    fake.user_sends_text(staff, "/flagged")
    assert "I have no food and no heating" in ((await fake.next_message(staff)).text or "")
