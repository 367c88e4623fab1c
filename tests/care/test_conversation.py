"""A way back to the person: "Write to them" on the alert, the staff member's words go to them
from the team, their replies come back with their made-up name; it ends with a button or after
48 hours, and where they were (a question waiting) is where they are again."""

from __future__ import annotations

from storage.models import Comment, Dialogue, FlagMessage, Outbox
from tests.care.test_care import OTHER_STAFF, STAFF, alerts_to, seeded
from tests.support.harness import Harness, join, joined, texts
from tests.support.outbox import told
from tests.support.seed import Seeded

__all__ = ["seeded"]
BEA = 6700  # joins and is asked her first question
HELLO = "Hello, this is Jo from the coffee morning. Can I ring you today?"


def button(row: Outbox, label: str) -> str:
    (data,) = [d for line in told(row).buttons for text, d in line if text == label]
    return data


async def to_chat(harness: Harness, chat: int, kind: str) -> list[Outbox]:
    return [r for r in await harness.rows(Outbox) if r.chat_id == chat and r.kind == kind]


async def start_talking(harness: Harness, seeded: Seeded) -> str:
    """Bea says something worrying mid-questions; the staff member writes to her."""
    await join(harness, BEA, seeded.participant_code)
    await harness.send(BEA, "I can't cope any more")
    (alert,) = alerts_to(await harness.rows(Outbox), STAFF)
    write = button(alert, "Write to them")
    assert texts(await harness.press(OTHER_STAFF, write)) == []  # not their project's
    asked = joined(await harness.press(STAFF, write))
    assert "Type your message to Person " in asked and "Ann" not in asked
    sent = joined(await harness.send(STAFF, HELLO))
    assert "Sent to Person " in sent
    return write


async def test_staff_and_the_person_talk_through_natter(harness: Harness, seeded: Seeded) -> None:
    await start_talking(harness, seeded)
    (to_bea,) = await to_chat(harness, BEA, "talk")
    assert told(to_bea).text.startswith("<b>From the team at Age UK Sheffield:</b>\n" + HELLO)
    comments = await harness.count(Comment)

    reply = joined(await harness.send(BEA, "Yes please, after lunch"))
    assert "passed that to the team at Age UK Sheffield" in reply
    assert await harness.count(Comment) == comments  # not a comment: kept with the flag
    (back,) = [r for r in alerts_to(await harness.rows(Outbox), STAFF) if "replied" in told(r).text]
    assert "Yes please, after lunch" in told(back).text and "Person " in told(back).text
    assert "Ann" not in told(back).text  # never their Telegram name (the harness calls all "Ann")
    said = [(m.from_staff, m.text) for m in await harness.rows(FlagMessage)]
    assert said == [(True, HELLO), (False, "Yes please, after lunch")]
    # Both places are in the database, so a restart carries on.
    steps = {d.state.get("step") for d in await harness.rows(Dialogue)}
    assert {"write_to_person", "talk"} <= steps

    ended = joined(await harness.press(BEA, button(to_bea, "End conversation")))
    assert "conversation has ended" in ended
    told_staff = [r for r in await to_chat(harness, STAFF, "alert") if "ended" in told(r).text]
    assert len(told_staff) == 1
    # Her question is still the one waiting: the next thing she says answers it.
    await harness.send(BEA, "We went to the park")
    (answer,) = await harness.rows(Comment, Comment.text == "We went to the park")
    assert answer.question_key is not None
    await harness.send(STAFF, "Are you there?")  # no longer goes to her
    assert len(await harness.rows(FlagMessage)) == 2
    assert len(await to_chat(harness, BEA, "talk")) == 1


async def test_the_conversation_ends_after_48_hours(harness: Harness, seeded: Seeded) -> None:
    await start_talking(harness, seeded)
    harness.clock.advance(hours=49)
    reply = joined(await harness.send(BEA, "Sorry I missed you"))
    assert "passed that to the team" not in reply
    assert len(await harness.rows(FlagMessage)) == 1
    assert "conversation has ended" in joined(await harness.send(STAFF, "Hello again"))
    assert len(await to_chat(harness, BEA, "talk")) == 1  # nothing more went to her


async def test_staff_ending_it_tells_the_person(harness: Harness, seeded: Seeded) -> None:
    await start_talking(harness, seeded)
    staff_side = await harness.send(STAFF, "I'll ring at two.")
    ended = await harness.press_button(STAFF, staff_side, "End conversation")
    assert "conversation has ended" in joined(ended)
    last = (await to_chat(harness, BEA, "talk"))[-1]
    assert "The team at Age UK Sheffield has ended the conversation" in told(last).text
    assert "passed that to the team" not in joined(await harness.send(BEA, "ok"))


async def test_forget_takes_the_conversation(harness: Harness, seeded: Seeded) -> None:
    await start_talking(harness, seeded)
    await harness.send(BEA, "My number is in the book")
    ask = await harness.send(BEA, "/forget")
    await harness.press_button(BEA, ask, "Yes, delete it all")
    assert await harness.rows(FlagMessage) == []
    staff_rows = [told(r).text for r in await to_chat(harness, STAFF, "alert")]
    assert not any("in the book" in text for text in staff_rows)


async def test_staff_can_write_to_them_from_flagged(harness: Harness, seeded: Seeded) -> None:
    """Staff who joined after the alert (or lost it) still have the way back: /flagged."""
    await join(harness, BEA, seeded.participant_code)
    await harness.send(BEA, "I can't cope any more")
    listing = await harness.send(STAFF, "/flagged")
    assert [label for label, _ in listing[-1].buttons] == ["Looked at 1", "Write to 1"]
    other = await harness.send(OTHER_STAFF, "/flagged")
    assert "Write to 1" not in [label for call in other for label, _ in call.buttons]
    asked = joined(await harness.press_button(STAFF, listing, "Write to 1"))
    assert "Type your message to Person " in asked
    assert "Sent to Person " in joined(await harness.send(STAFF, HELLO))
    (to_bea,) = await to_chat(harness, BEA, "talk")
    assert HELLO in told(to_bea).text
