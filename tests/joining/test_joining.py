"""Joining through an invite: nothing is stored before yes."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update

from storage.models import Comment, Dialogue, Invite, Membership, Person, Role
from tests.support.harness import Harness, joined, texts
from tests.support.seed import seed_project

ANN = 5001


async def test_start_with_code_explains_and_asks_without_storing(
    harness: Harness, invite_code: str
) -> None:
    calls = await harness.send(ANN, f"/start {invite_code}")
    (text,) = texts(calls)
    assert "Firth Park Coffee Morning" in text and "Age UK Sheffield" in text
    assert "A cuppa &amp; a chat" in text  # the project's own words, escaped
    assert "Can change:</b> What we do each week" in text and "The day and the hall." in text
    # What the consent must say: what is kept, skipping or stopping, and /forget.
    assert "I keep what you say, never your name" in text
    assert "skip or stop anytime" in text and "/forget" in text
    assert [label for label, _ in calls[-1].buttons] == ["Yes", "Tell me more", "No thanks"]
    assert await harness.count(Person) == 0
    assert await harness.count(Dialogue) == 0


async def test_tell_me_more_then_no_thanks_keeps_nothing(
    harness: Harness, invite_code: str
) -> None:
    calls = await harness.send(ANN, f"/start {invite_code}")
    more = await harness.press_button(ANN, calls, "Tell me more")
    assert "/forget" in joined(more) and "made-up name" in joined(more)
    no = await harness.press_button(ANN, more, "No thanks")
    assert "haven't kept anything" in joined(no)
    assert await harness.count(Person) == 0
    assert await harness.count(Membership) == 0


async def test_yes_stores_consent_and_asks_first_question(
    harness: Harness, invite_code: str
) -> None:
    calls = await harness.send(ANN, f"/start {invite_code}")
    yes = await harness.press_button(ANN, calls, "Yes")
    assert "What did you enjoy" in joined(yes)
    assert yes[-1].buttons[0][0] == "Skip"
    (person,) = await harness.rows(Person)
    assert person.telegram_id == ANN
    assert person.consent_version and person.consented_at == harness.clock.now()
    assert len(person.pseudonym) >= 2
    (membership,) = await harness.rows(Membership)
    assert membership.role is Role.PARTICIPANT and membership.person_id == person.id
    # The buttons on the consent message are taken off so they can't be pressed twice.
    assert any(c.method == "editMessageReplyMarkup" for c in yes)


async def test_start_without_code_explains_how_to_join(harness: Harness) -> None:
    calls = await harness.send(ANN, "/start")
    assert "leaflet" in joined(calls)
    assert await harness.count(Person) == 0


async def test_unknown_code_gets_kind_explanation(harness: Harness, invite_code: str) -> None:
    for payload in ("nope", "x" * 64, "bad$chars", invite_code + "x"):
        calls = await harness.send(ANN, f"/start {payload}")
        assert "don't recognise that link" in joined(calls), payload
    assert await harness.count(Person) == 0


async def test_revoked_expired_and_used_up_codes_are_refused(harness: Harness) -> None:
    seeded = await seed_project(harness.db)
    async with harness.db.transaction() as session:
        await session.execute(
            update(Invite).where(Invite.code == seeded.volunteer_code).values(uses_left=0)
        )
        await session.execute(
            update(Invite)
            .where(Invite.code == seeded.participant_code)
            .values(revoked_at=harness.clock.now())
        )
    for code in (seeded.volunteer_code, seeded.participant_code):
        assert "don't recognise" in joined(await harness.send(ANN, f"/start {code}"))
    # Staff links last 7 days from 1 Nov; the clock moves past that.
    async with harness.db.transaction() as session:
        await session.execute(
            update(Invite)
            .where(Invite.code == seeded.staff_code)
            .values(expires_at=harness.clock.now() + timedelta(days=1))
        )
    calls = await harness.send(ANN, f"/start {seeded.staff_code}")
    harness.clock.advance(days=2)
    assert "stopped working" in joined(await harness.press_button(ANN, calls, "Yes"))
    assert await harness.count(Person) == 0


async def test_limited_invite_is_used_once(harness: Harness) -> None:
    seeded = await seed_project(harness.db)
    async with harness.db.transaction() as session:
        await session.execute(
            update(Invite).where(Invite.code == seeded.staff_code).values(uses_left=1)
        )
    first = await harness.send(ANN, f"/start {seeded.staff_code}")
    second = await harness.send(ANN + 1, f"/start {seeded.staff_code}")
    assert "team for" in joined(await harness.press_button(ANN, first, "Yes"))
    assert "stopped working" in joined(await harness.press_button(ANN + 1, second, "Yes"))
    (membership,) = await harness.rows(Membership)
    assert membership.role is Role.STAFF
    (invite,) = await harness.rows(Invite, Invite.code == seeded.staff_code)
    assert invite.uses_left == 0


async def test_joining_twice_says_already_member(harness: Harness, invite_code: str) -> None:
    calls = await harness.send(ANN, f"/start {invite_code}")
    await harness.press_button(ANN, calls, "Yes")
    again = await harness.send(ANN, f"/start {invite_code}")
    assert "already part of" in joined(again)
    assert await harness.count(Membership) == 1


async def test_volunteer_and_staff_invites_ask_no_questions(harness: Harness) -> None:
    seeded = await seed_project(harness.db)
    calls = await harness.send(ANN, f"/start {seeded.volunteer_code}")
    done = await harness.press_button(ANN, calls, "Yes")
    assert "note down what people say" in joined(done)
    assert "enjoy" not in joined(done)
    (membership,) = await harness.rows(Membership)
    assert membership.role is Role.VOLUNTEER
    assert await harness.count(Comment) == 0
