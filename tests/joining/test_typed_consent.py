"""Typing "yes" (or "no thanks") under the welcome does what the button does: older people
often type rather than tap. Nothing is stored before yes: the open welcome is held in memory."""

from __future__ import annotations

import pytest

from storage.models import Membership, Person
from tests.support.harness import Harness, joined
from tests.support.seed import Seeded, seed_project

ANN = 8100


@pytest.fixture
async def seeded(harness: Harness) -> Seeded:
    return await seed_project(harness.db)


@pytest.mark.parametrize("said", ["yes", "Yes please", "ok then", "yes ok", "YES"])
async def test_typed_yes_joins_as_the_button_does(
    harness: Harness, seeded: Seeded, said: str
) -> None:
    await harness.send(ANN, f"/start {seeded.participant_code}")
    assert await harness.count(Person) == 0  # nothing kept before yes
    first = joined(await harness.send(ANN, said))
    assert "Thank you" in first or "?" in first  # the welcome, then the first question
    (person,) = await harness.rows(Person, Person.telegram_id == ANN)
    assert await harness.count(Membership, Membership.person_id == person.id) == 1


async def test_typed_no_thanks_declines_and_keeps_nothing(harness: Harness, seeded: Seeded) -> None:
    await harness.send(ANN, f"/start {seeded.participant_code}")
    declined = joined(await harness.send(ANN, "no thanks"))
    assert "haven't kept anything" in declined
    assert await harness.count(Person) == 0
    harness.clock.advance(seconds=61)  # a stranger's chatter is answered once a minute
    again = joined(await harness.send(ANN, "yes"))  # the welcome was answered: tap it again
    assert "tap Yes under my welcome" in again
    assert await harness.count(Person) == 0


async def test_yes_with_no_welcome_open_asks_for_the_tap(harness: Harness, seeded: Seeded) -> None:
    said = joined(await harness.send(ANN, "yes"))
    assert "tap Yes under my welcome" in said and await harness.count(Person) == 0
    await harness.send(ANN, f"/start {seeded.participant_code}")
    harness.clock.advance(minutes=31)  # a welcome left open too long is not answered by typing
    assert "tap Yes under my welcome" in joined(await harness.send(ANN, "yes"))
    assert await harness.count(Person) == 0


async def test_a_longer_message_is_not_a_yes(harness: Harness, seeded: Seeded) -> None:
    await harness.send(ANN, f"/start {seeded.participant_code}")
    said = joined(await harness.send(ANN, "yes I go to the coffee morning every week"))
    assert "tap Yes" not in said and await harness.count(Person) == 0


async def test_a_join_word_then_yes_straight_away(harness: Harness, seeded: Seeded) -> None:
    """Neither answer is held back as a stranger's chatter, however quick."""
    word = joined(await harness.send(ANN, "hello"))  # a stranger's first message: answered
    assert word
    welcome = joined(await harness.send(ANN, f"/start {seeded.participant_code}"))
    assert "Firth Park" in welcome
    first = joined(await harness.send(ANN, "yes"))
    assert first and await harness.count(Person, Person.telegram_id == ANN) == 1
