"""The moment itself over real HTTP, against the fake Bot API (which checks every call against
Telegram's published API): help alone with its buttons, "Please contact me" and the share-my-
number button, the number reaching staff, and "Write to them" reaching the person."""

from __future__ import annotations

from datetime import UTC, datetime

from storage.db import Database
from tests.care.test_care import helped
from tests.care.test_long_messages import bot
from tests.fake_telegram import FakeTelegram
from tests.runtime.test_end_to_end import join_over_http
from tests.support.processes import BotProcess
from tests.support.seed import seed_project

__all__ = ["bot"]
PHONE = "+447700900777"


def pressed(message_buttons: list[tuple[str, str]], label: str) -> str:
    return next(data for text, data in message_buttons if text == label)


async def test_help_contact_and_a_way_back_over_http(
    fake: FakeTelegram, bot: BotProcess, db: Database
) -> None:
    seeded = await seed_project(db, now=datetime.now(UTC))
    staff, bea = 737373, 838383
    await join_over_http(fake, staff, seeded.staff_code)
    await join_over_http(fake, bea, seeded.participant_code)
    question = fake.messages_to(bea)[-1].text or ""

    fake.user_sends_text(bea, "I slipped in the bathroom and I can't get up", first_name="Bea")
    help_message = await fake.next_message(bea)
    assert helped(help_message.text or "", "falls") and question not in (help_message.text or "")
    alert = await fake.next_message(staff)
    assert "Bea" not in (alert.text or "") and "Person " in (alert.text or "")

    labels = [label for label, _ in help_message.buttons()]
    assert labels == ["I'm safe, thank you", "Please contact me"]
    fake.user_presses(bea, help_message.message_id, pressed(help_message.buttons(), labels[1]))
    asked = await fake.next_message(bea)
    assert asked.reply_markup is not None
    assert asked.reply_markup["keyboard"][0][0]["request_contact"] is True
    told = await fake.next_message(staff)
    assert "asked to be contacted" in (told.text or "")

    contact = {"phone_number": PHONE, "first_name": "Bea", "user_id": bea}
    fake.user_sends(bea, {"contact": contact}, first_name="Bea")
    assert "passed your number" in ((await fake.next_message(bea)).text or "")
    assert PHONE in ((await fake.next_message(staff)).text or "")

    fake.user_presses(staff, alert.message_id, pressed(alert.buttons(), "Write to them"))
    assert "Type your message" in ((await fake.next_message(staff)).text or "")
    fake.user_sends_text(staff, "Jo here. I'll ring you in ten minutes.")
    assert "Sent to Person " in ((await fake.next_message(staff)).text or "")
    from_team = await fake.next_message(bea)
    assert (from_team.text or "").startswith("<b>From the team at Age UK Sheffield:</b>")
    fake.user_sends_text(bea, "Thank you, I'm by the phone", first_name="Bea")
    assert "passed that to the team" in ((await fake.next_message(bea)).text or "")
    back = (await fake.next_message(staff)).text or ""
    assert "I'm by the phone" in back and "Bea" not in back
    assert fake.violations == []
