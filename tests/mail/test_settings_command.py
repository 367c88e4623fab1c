"""/settings in Telegram: staff and the programme team choose where digests and alerts go, and
type their address; a bad address is refused kindly; nobody else has the setting."""

from __future__ import annotations

from datetime import UTC, datetime

from storage.models import Delivery, Dialogue, Person, Role
from tests.support.harness import Harness, joined
from tests.support.seed import seed_project
from tests.support.team import add_member

AT = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
SUE, PAM, ANN, VAL = 9301, 9302, 9303, 9304


async def person(harness: Harness, telegram_id: int) -> Person:
    (found,) = await harness.rows(Person, Person.telegram_id == telegram_id)
    assert isinstance(found, Person)
    return found


async def test_staff_choose_email_and_type_their_address(harness: Harness) -> None:
    project = (await seed_project(harness.db)).project_id
    await add_member(harness.db, SUE, project, Role.STAFF, AT, "S2")

    shown = await harness.send(SUE, "/settings")
    assert "Now: Telegram." in joined(shown)
    assert [label for label, _ in shown[-1].buttons] == ["Telegram", "Email", "Both"]

    asked = await harness.press_button(SUE, shown, "Email")
    assert "Please type your email address" in joined(asked)
    assert (await person(harness, SUE)).delivery is Delivery.EMAIL

    refused = joined(await harness.send(SUE, "sue at partner dot org"))
    assert "doesn't look like an email address" in refused and "name@example.org" in refused
    assert (await person(harness, SUE)).email is None
    refused = joined(await harness.send(SUE, "sue@partner"))  # no top-level domain
    assert "doesn't look like an email address" in refused

    saved = joined(await harness.send(SUE, "  Sue@Partner.Example.ORG "))
    sue = await person(harness, SUE)
    assert sue.email == "Sue@partner.example.org"  # the domain's case is not hers to keep
    assert sue.delivery is Delivery.EMAIL
    assert f"I'll send them to {sue.email}" in saved
    assert all(not d.state for d in await harness.rows(Dialogue, Dialogue.person_id == sue.id))
    # What she types now is a comment again, not an address.
    assert "doesn't look like" not in joined(await harness.send(SUE, "Thanks!"))

    again = await harness.send(SUE, "/settings")
    assert "Your email address is Sue@partner.example.org" in joined(again)
    both = await harness.press_button(SUE, again, "Both")
    assert "Telegram and email" in joined(both)
    assert (await person(harness, SUE)).delivery is Delivery.BOTH


async def test_three_unusable_addresses_and_it_lets_them_be(harness: Harness) -> None:
    await add_member(harness.db, PAM, None, Role.PROGRAMME, AT, "P4")
    assert "/settings" in joined(await harness.send(PAM, "/help"))
    await harness.send(PAM, "/settings")
    for _ in range(2):
        assert "Could you check it" in joined(await harness.send(PAM, "not an address"))
    last = joined(await harness.send(PAM, "still not one"))
    assert "nothing has changed" in last and "/settings" in last
    assert (await person(harness, PAM)).email is None


async def test_an_address_typed_means_email_too(harness: Harness) -> None:
    await add_member(harness.db, PAM, None, Role.PROGRAMME, AT, "P4")
    await harness.send(PAM, "/settings")
    saved = joined(await harness.send(PAM, "pam@programme.example.org"))
    assert "Telegram and email" in saved
    pam = await person(harness, PAM)
    assert (pam.email, pam.delivery) == ("pam@programme.example.org", Delivery.BOTH)
    # /mydata shows it with the rest of what is held about her.
    (doc,) = [c for c in await harness.send(PAM, "/mydata") if c.method == "sendDocument"]
    body = doc.params["document"]["content"].decode("utf-8")
    assert "Your email address, for round-ups and alerts: pam@programme.example.org" in body
    assert "Where your round-ups and alerts go: Telegram and email" in body


async def test_participants_and_volunteers_have_no_settings(harness: Harness) -> None:
    project = (await seed_project(harness.db)).project_id
    await add_member(harness.db, ANN, project, Role.PARTICIPANT, AT, "K7")
    await add_member(harness.db, VAL, project, Role.VOLUNTEER, AT, "V3")
    for who in (ANN, VAL):
        answer = await harness.send(who, "/settings")
        assert "that's for the team" in joined(answer) and answer[-1].buttons == []
        assert "/settings" not in joined(await harness.send(who, "/help"))
        # A forged press of the button changes nothing.
        await harness.press(who, "sendto:email")
        assert (await person(harness, who)).delivery is Delivery.TELEGRAM
