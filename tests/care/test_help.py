"""Help for someone who may be in danger: first, on its own, short, the most urgent number in
its first line; then "I'm safe" or "Please contact me" (and their number, kept with the flag)."""

from __future__ import annotations

import re

import pytest

from bot.language import load_detector
from storage.models import Comment, FlagFollowUp, Outbox
from tests.care.test_care import ANN, FIRST_NUMBER, STAFF, alerts_to, helped, seeded
from tests.support.harness import Harness, join, joined, texts
from tests.support.outbox import told
from tests.support.seed import Seeded

__all__ = ["seeded"]
NEWCOMER = 6600
NUMBER = "+447700900123"
WORDS = re.compile("[A-Za-z0-9'\u2019]+")


def words_in(html: str) -> int:
    return len(WORDS.findall(re.sub(r"<[^>]+>", "", html)))


@pytest.mark.parametrize("topic", load_detector().topics)
def test_each_topic_has_short_help_with_its_number_first(harness: Harness, topic: str) -> None:
    prompts = harness.prompts
    text = prompts.text(f"care.danger.{topic}")
    assert FIRST_NUMBER[topic] in text.split("\n")[0]
    team = prompts.text("care.team_contact", partner="Age UK Sheffield", contact="0114 250 2850")
    assert words_in(f"{text}\n\n{team}") <= 50


async def test_danger_while_answering_a_question_gets_help_alone(
    harness: Harness, seeded: Seeded
) -> None:
    """Not filed as the answer, no thank-you, no next question; the question stays current."""
    calls = await join(harness, NEWCOMER, seeded.participant_code)
    question = texts(calls)[-1]
    calls = await harness.send(NEWCOMER, "I fell in the kitchen and I can't get up")
    (only,) = texts(calls)  # one message, on its own
    assert helped(only, "falls") and "0114 250 2850" in only
    assert "Thank you" not in only and question not in only
    assert words_in(only) <= 50
    assert [label for label, _ in calls[-1].buttons] == ["I'm safe, thank you", "Please contact me"]
    (flagged,) = await harness.rows(Comment, Comment.chat_id == NEWCOMER)
    assert flagged.flagged and flagged.question_key is None and flagged.flag_topic == "falls"
    assert len(alerts_to(await harness.rows(Outbox), STAFF)) == 1

    await harness.send(NEWCOMER, "We went to the park")  # the answer to the same question
    answer = (await harness.rows(Comment, Comment.text == "We went to the park"))[0]
    assert answer.question_key is not None and not answer.flagged


async def test_im_safe_is_kept_with_the_flag(harness: Harness, seeded: Seeded) -> None:
    calls = await harness.send(ANN, "I can't cope any more")
    thanks = joined(await harness.press_button(ANN, calls, "I'm safe, thank you"))
    assert "glad you're safe" in thanks
    (follow_up,) = await harness.rows(FlagFollowUp)
    assert follow_up.answer == "safe" and follow_up.phone is None


async def test_please_contact_me_tells_staff_and_keeps_a_shared_number_with_the_flag(
    harness: Harness, seeded: Seeded
) -> None:
    calls = await harness.send(ANN, "I have no food in the house")
    asked = await harness.press_button(ANN, calls, "Please contact me")
    share = asked[-1].markup["keyboard"][0][0]
    assert share == {"text": "Share my phone number", "request_contact": True}
    (contact_alert,) = [a for a in alerts_to(await harness.rows(Outbox), STAFF)
                        if "asked to be contacted" in told(a).text]  # fmt: skip
    assert "Person " in told(contact_alert).text and "Ann" not in told(contact_alert).text

    # Someone else's number (a contact card) is not kept.
    other = {"phone_number": "+447700900999", "first_name": "Bob", "user_id": 1}
    assert "only keep your own" in joined(await harness.send_raw(ANN, contact=other))
    mine = {"phone_number": NUMBER, "first_name": "Ann", "user_id": ANN}
    kept = await harness.send_raw(ANN, contact=mine)
    assert "passed your number" in joined(kept) and kept[-1].markup == {"remove_keyboard": True}
    (follow_up,) = await harness.rows(FlagFollowUp)
    assert follow_up.answer == "contact" and follow_up.phone == NUMBER
    assert any(NUMBER in told(a).text for a in alerts_to(await harness.rows(Outbox), STAFF))

    mydata = await harness.send(ANN, "/mydata")
    (doc,) = [c for c in mydata if c.method == "sendDocument"]
    body = doc.params["document"]["content"].decode("utf-8")
    assert NUMBER in body and "You asked the team to contact you." in body

    listing = await harness.send(STAFF, "/flagged")
    assert "They asked to be contacted." in joined(listing) and NUMBER in joined(listing)
    await harness.press_button(STAFF, listing, "Looked at 1")
    (follow_up,) = await harness.rows(FlagFollowUp)
    assert follow_up.phone is None and follow_up.answer == "contact"  # the number is gone


async def test_someone_elses_flag_cannot_be_answered(harness: Harness, seeded: Seeded) -> None:
    await harness.send(ANN, "I can't cope any more")
    (flagged,) = await harness.rows(Comment, Comment.flagged.is_(True))
    assert texts(await harness.press(STAFF, f"ccall:{flagged.id}")) == []
    assert await harness.rows(FlagFollowUp) == []


async def test_forget_takes_the_number_with_the_flag(harness: Harness, seeded: Seeded) -> None:
    calls = await harness.send(ANN, "I can't cope any more")
    await harness.press_button(ANN, calls, "Please contact me")
    await harness.send_raw(ANN, contact={"phone_number": NUMBER, "first_name": "A", "user_id": ANN})
    ask = await harness.send(ANN, "/forget")
    await harness.press_button(ANN, ask, "Yes, delete it all")
    assert await harness.rows(FlagFollowUp) == []
