"""No poison updates: an update whose handling keeps failing is parked as a dead letter (ids and
the error's class, no words) and answered as handled, so it neither comes back for ever nor
holds up the chat's next update; over the webhook (Telegram sends it again) and in process."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from sqlalchemy import text

from bot.core.failures import PARK_AFTER
from storage.db import Database
from storage.models import Comment, DeadLetter
from tests.fake_telegram import FakeTelegram
from tests.support.harness import Harness, joined
from tests.support.processes import WebhookProcess
from tests.support.seed import seed_project

ANN = 8001
POISON = "poison"  # what the trigger below refuses to store
SORRY = "Sorry, something went wrong on my side"
TRIGGER = {
    "sqlite": [
        f"CREATE TRIGGER natter_test_poison BEFORE INSERT ON comments WHEN NEW.text = '{POISON}' "
        "BEGIN SELECT RAISE(ABORT, 'refused by a test trigger'); END"
    ],
    "postgresql": [
        "CREATE FUNCTION natter_test_poison() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"IF NEW.text = '{POISON}' THEN RAISE EXCEPTION 'refused by a test trigger'; END IF; "
        "RETURN NEW; END $$",
        "CREATE TRIGGER natter_test_poison BEFORE INSERT ON comments FOR EACH ROW "
        "EXECUTE FUNCTION natter_test_poison()",
    ],
}
UNDO = {
    "sqlite": ["DROP TRIGGER IF EXISTS natter_test_poison"],
    "postgresql": [
        "DROP TRIGGER IF EXISTS natter_test_poison ON comments",
        "DROP FUNCTION IF EXISTS natter_test_poison()",
    ],
}


@asynccontextmanager
async def poisoned(db: Database) -> AsyncIterator[None]:
    """A real fault, the same on every try: the database refuses to store the word POISON."""
    async with db.transaction() as session:
        for statement in TRIGGER[db.backend]:
            await session.execute(text(statement))
    try:
        yield
    finally:
        async with db.transaction() as session:  # the session's database outlives the test
            for statement in UNDO[db.backend]:
                await session.execute(text(statement))


def nothing_said(letter: DeadLetter) -> None:
    assert not any(POISON in str(value) for value in vars(letter).values()), vars(letter)


async def test_over_the_webhook_it_is_tried_five_times_then_parked(
    fake: FakeTelegram, db: Database, database_url: str, tmp_path: Path, harness: Harness
) -> None:
    fake.api.webhook.retry_seconds = 0.05  # Telegram waits minutes; the rule is the same
    code = (await seed_project(db)).participant_code
    webhook = WebhookProcess(fake, database_url, tmp_path)
    async with poisoned(db):
        await webhook.start()
        try:
            fake.user_sends_text(ANN, f"/start {code}")
            consent = await fake.next_message(ANN)
            fake.user_presses(ANN, consent.message_id, consent.buttons()[0][1])
            assert "What did you enjoy" in ((await fake.next_message(ANN)).text or "")
            bad = fake.user_sends_text(ANN, POISON)["update_id"]
            fake.user_sends_text(ANN, "The singing")
            await fake.wait_until(lambda: not fake.world.deliverable(), timeout=15)
            await fake.wait_until(lambda: "change" in (fake.messages_to(ANN)[-1].text or ""))
        finally:
            await webhook.stop()
    log = webhook.log.read_text()
    failed = [f for f in fake.api.webhook.failures if f.startswith(f"{bad}:")]
    assert failed == [f"{bad}: HTTP 500"] * (PARK_AFTER - 1), fake.api.webhook.failures
    assert fake.api.webhook.delivered.count(bad) == 1  # the fifth try was answered 200
    # The chat went on: the next answer was filed against the question the poison was not.
    (stored,) = await harness.rows(Comment)
    assert (stored.text, stored.question_key) == ("The singing", "enjoyed")
    sorry = [m for m in fake.messages_to(ANN) if SORRY in (m.text or "")]
    assert len(sorry) == 1  # told once, not on every try
    (letter,) = await harness.rows(DeadLetter)
    assert (letter.update_id, letter.chat_id, letter.attempts) == (bad, ANN, PARK_AFTER)
    assert letter.error.endswith("Error") and letter.parked_at is not None
    assert letter.first_failed_at <= letter.last_failed_at <= letter.parked_at
    nothing_said(letter)
    # One traceback for five tries; the person's word in no log line.
    assert log.count(f"error while handling update {bad} (") == 1, log
    assert log.count(f"update {bad} failed again") == PARK_AFTER - 1, log
    assert f"update {bad} given up after 5" in log, log
    assert POISON not in log.replace("natter_test_poison", ""), log


async def test_in_process_a_failed_update_is_parked_at_once_and_the_chat_goes_on(
    harness: Harness, db: Database, invite_code: str
) -> None:
    """Under long polling a failed update never comes back (it was confirmed when fetched): it
    is parked on its first failure, so it is on record, and the chat's next update is handled."""
    calls = await harness.send(ANN, f"/start {invite_code}")
    await harness.press_button(ANN, calls, "Yes")
    async with poisoned(db):
        told = await harness.send(ANN, POISON)
        assert SORRY in joined(told)
        after = await harness.send(ANN, "The singing")
    assert "anything you'd change" in joined(after)
    assert len(harness.errors) == 1
    harness.errors.clear()  # the one failure this test made
    (letter,) = await harness.rows(DeadLetter)
    assert (letter.chat_id, letter.attempts) == (ANN, 1) and letter.parked_at is not None
    nothing_said(letter)
    (stored,) = await harness.rows(Comment)
    assert (stored.text, stored.question_key) == ("The singing", "enjoyed")
