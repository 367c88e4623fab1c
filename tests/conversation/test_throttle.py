"""One person cannot slow everyone down: a flood is stored and screened whole, answered once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.core import Answer, Throttle
from storage.models import Comment, Outbox
from tests.support.harness import Harness, joined, texts
from tests.support.seed import seed_project

ANN = 9101
STRANGER = 9102
STAFF = 9103
T0 = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)


@pytest.fixture
async def member(harness: Harness) -> int:
    """A member past the project's questions, with staff to alert: each message is a comment."""
    seeded = await seed_project(harness.db)
    calls = await harness.send(STAFF, f"/start {seeded.staff_code}")
    await harness.press_button(STAFF, calls, "Yes")
    calls = await harness.send(ANN, f"/start {seeded.participant_code}")
    calls = await harness.press_button(ANN, calls, "Yes")
    for _ in range(4):
        calls = await harness.press_button(ANN, calls, "Skip")
    return ANN


async def test_a_flood_is_all_kept_and_answered_once(harness: Harness, member: int) -> None:
    answers: list[str] = []
    for n in range(30):
        answers += texts(await harness.send(member, f"The hall was cold, note {n}"))
        harness.clock.advance(seconds=1)
    assert await harness.count(Comment) == 30  # nothing lost
    thanks = [a for a in answers if "passed that on" in a]
    assert len(thanks) == 20
    assert sum("got all of these" in a for a in answers) == 1
    assert len(answers) == 21
    # A minute later they are answered as usual again.
    harness.clock.advance(seconds=61)
    assert "passed that on" in joined(await harness.send(member, "One more thing"))


async def test_help_is_never_held_back_by_a_flood(harness: Harness, member: int) -> None:
    for n in range(25):
        await harness.send(member, f"Lovely lunch, note {n}")
    reply = joined(await harness.send(member, "I want to end it all"))
    assert "116 123" in reply
    flagged = await harness.rows(Comment, Comment.flagged.is_(True))
    assert len(flagged) == 1


async def test_a_burst_of_worrying_messages_gets_one_help_reply(
    harness: Harness, member: int
) -> None:
    replies = [
        joined(await harness.send(member, words))
        for words in ("I can't cope", "I want to die", "I can't go on")
    ]
    assert sum("116 123" in r for r in replies) == 1 and "116 123" in replies[0]
    assert await harness.count(Comment, Comment.flagged.is_(True)) == 3  # each one flagged
    alerts = [row for row in await harness.rows(Outbox) if row.kind == "alert"]
    assert len(alerts) == 3  # and each one alerts the staff


async def test_help_for_something_else_in_a_burst_is_given_too(
    harness: Harness, member: int
) -> None:
    """A fall, then a scam still under way: each needs its own number, a minute apart or not."""
    fell = joined(await harness.send(member, "I fell in the kitchen and I can't get up"))
    scam_text = "a man from the bank says I must move my savings to a safe account"
    scam = joined(await harness.send(member, scam_text))
    assert "can't get up" in fell and "Hourglass" in scam and "159" in scam


async def test_after_answering_the_help_a_new_worry_is_answered_again(
    harness: Harness, member: int
) -> None:
    calls = await harness.send(member, "I can't cope")
    await harness.press_button(member, calls, "I'm safe, thank you")
    assert "116 123" in joined(await harness.send(member, "I want to die"))


async def test_a_stranger_hears_at_most_once_a_minute(harness: Harness) -> None:
    replies = [joined(await harness.send(STRANGER, f"hello {n}")) for n in range(4)]
    assert ["haven't kept your message" in r for r in replies] == [True, False, False, False]
    harness.clock.advance(seconds=61)
    assert "haven't kept your message" in joined(await harness.send(STRANGER, "hello again"))
    # Joining is never held back.
    assert await harness.count(Comment, Comment.chat_id == STRANGER) == 0


def test_the_throttle_counts_a_sliding_minute() -> None:
    throttle = Throttle(member_per_window=3)
    seen = [throttle.answer(1, T0 + timedelta(seconds=s), member=True) for s in range(6)]
    assert seen == [Answer.AS_USUAL] * 3 + [Answer.ONCE_FOR_ALL, Answer.NOTHING, Answer.NOTHING]
    assert throttle.answer(2, T0, member=True) is Answer.AS_USUAL  # others are not affected
    assert throttle.answer(1, T0 + timedelta(seconds=70), member=True) is Answer.AS_USUAL


def test_help_once_a_minute_for_each_thing() -> None:
    throttle = Throttle()
    assert throttle.first_help(1, "falls", T0)
    assert not throttle.first_help(1, "falls", T0 + timedelta(seconds=30))
    assert throttle.first_help(1, "abuse", T0 + timedelta(seconds=30))  # other help
    assert throttle.first_help(2, "falls", T0 + timedelta(seconds=30))
    assert throttle.first_help(1, "falls", T0 + timedelta(seconds=61))
    throttle.helped_answered(1)  # "I'm safe": the next worry is news
    assert throttle.first_help(1, "falls", T0 + timedelta(seconds=62))
