"""A project's join word (PARK47): typed, with or without /start, it joins as a participant."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.core.throttle import WordTries
from bot.joining import words
from storage.models import Invite, Membership, Person, Role
from tests.support.harness import Harness, joined, texts
from tests.support.seed import seed_project

ANN, BOB, VOL = 5101, 5102, 5103


async def _word(harness: Harness) -> str:
    from bot.joining import give_word
    from storage.repositories import projects

    seeded = await seed_project(harness.db)
    async with harness.db.transaction() as session:
        project = await projects.project_by_slug(session, "firth-park")
        assert project is not None and project.id == seeded.project_id
        return await give_word(session, project, harness.clock.now())


def test_words_avoid_look_alikes_and_read_back_however_typed() -> None:
    for typed, meant in [
        ("PARK47", "PARK47"), ("park47", "PARK47"), ("Park 47", "PARK47"),
        ("park-47", "PARK47"), ("  /start park47 ", "PARK47"), ("PARK47.", "PARK47"),
    ]:  # fmt: skip
        assert words.looks_like(typed) and words.normalise(typed) == meant, typed
    for not_a_word in ("hello", "park", "47", "the tea was cold", "PARK4", "PARK477", None, ""):
        assert not words.looks_like(not_a_word), not_a_word


async def test_a_new_word_comes_from_the_name_and_never_has_look_alikes() -> None:
    taken: list[str] = []

    async def is_taken(word: str) -> bool:
        return word in taken

    for _ in range(200):
        word = await words.new_word("Firth Park Coffee Morning", is_taken)
        assert word not in taken
        taken.append(word)
        assert not set(word) & set("IO01") and len(word) <= 7
    # FIRTH has an I and COFFEE is too long: PARK is the name's one word for it (while most of
    # its 64 digit pairs are free; 25 tries at 20 of 64 taken all fail 1 time in 10^12) ...
    assert all(w.startswith("PARK") for w in taken[:20])
    # ... and when they run out the easy words take over.
    assert len({w[:-2] for w in taken}) > 1


async def test_typing_the_word_starts_joining_as_a_participant(harness: Harness) -> None:
    word = await _word(harness)
    for typed in (word.lower(), f"/start {word}", f"{word[:-2]} {word[-2:]}"):
        calls = await harness.send(ANN, typed)
        (text,) = texts(calls)
        assert "Firth Park Coffee Morning" in text, typed
        assert [label for label, _ in calls[-1].buttons] == ["Yes", "Tell me more", "No thanks"]
        assert word not in str(calls[-1].buttons)  # the buttons carry the invite's code
    assert await harness.count(Person) == 0  # nothing stored before yes
    calls = await harness.send(ANN, word)
    yes = await harness.press_button(ANN, calls, "Yes")
    assert "What did you enjoy" in joined(yes)
    (membership,) = await harness.rows(Membership)
    assert membership.role is Role.PARTICIPANT
    # Typed again by the member: "already part of", not a second membership.
    assert "already part of" in joined(await harness.send(ANN, word))
    assert await harness.count(Membership) == 1


async def test_five_wrong_words_an_hour_then_wait(harness: Harness) -> None:
    word = await _word(harness)
    wrong = "PARK22" if word != "PARK22" else "PARK23"
    for n in range(5):
        reply = joined(await harness.send(BOB, wrong))
        assert "don't know that join word" in reply, n
    # The sixth try is refused even when right: words cannot be found by trying.
    assert "wait an hour" in joined(await harness.send(BOB, word))
    harness.clock.advance(hours=1, seconds=1)
    assert "Firth Park Coffee Morning" in joined(await harness.send(BOB, word))
    assert await harness.count(Person) == 0


async def test_a_changed_word_stops_the_old_one(harness: Harness) -> None:
    from bot.joining import give_word
    from storage.repositories import projects

    old = await _word(harness)
    async with harness.db.transaction() as session:
        project = await projects.project_by_slug(session, "firth-park")
        assert project is not None
        new = await give_word(session, project, harness.clock.now())
    assert new != old
    assert "don't know that join word" in joined(await harness.send(ANN, old))
    assert "Firth Park Coffee Morning" in joined(await harness.send(ANN, new))
    (retired,) = await harness.rows(Invite, Invite.revoked_at.is_not(None))
    assert retired.word is None  # free to be given out again


async def test_a_volunteers_headcount_is_not_a_join_word(harness: Harness) -> None:
    """ "about 12" has a join word's shape; from a member it is only a word if one exists."""
    seeded = await seed_project(harness.db)
    calls = await harness.send(VOL, f"/start {seeded.volunteer_code}")
    await harness.press_button(VOL, calls, "Yes")
    reply = joined(await harness.send(VOL, "about 12"))
    assert "join word" not in reply


def test_word_tries_forget_an_hour_later() -> None:
    tries = WordTries(per_hour=2)
    now = datetime(2026, 12, 1, tzinfo=UTC)
    assert tries.may_try(1, now)
    tries.wrong(1, now)
    tries.wrong(1, now + timedelta(minutes=1))
    assert not tries.may_try(1, now + timedelta(minutes=2))
    assert tries.may_try(2, now)  # another chat is not held back
    assert tries.may_try(1, now + timedelta(hours=1, minutes=1))


@pytest.mark.parametrize("role", [Role.VOLUNTEER, Role.STAFF])
async def test_a_word_never_joins_as_anything_but_a_participant(
    harness: Harness, role: Role
) -> None:
    from sqlalchemy import update

    word = await _word(harness)
    async with harness.db.transaction() as session:  # a word forced onto a team invite
        await session.execute(update(Invite).where(Invite.word == word).values(role=role))
    assert "don't know that join word" in joined(await harness.send(ANN, word))
