"""The settings page: where round-ups and alerts go and the email address, kept by the same
code as /settings in Telegram, behind the form's CSRF token; in process over HTTP against the
test database (the browser test fills it in as a person would)."""

from __future__ import annotations

import httpx

from storage.models import Delivery, Person
from tests.support.harness import Harness, joined
from tests.support.seed import Seeded
from tests.web.test_roles import PROGRAMME, STAFF, client, config, seeded, signed_in

__all__ = ["client", "config", "seeded"]


async def kept(harness: Harness, user: int) -> tuple[Delivery, str | None]:
    (person,) = await harness.rows(Person, Person.telegram_id == user)
    return person.delivery, person.email


async def test_staff_choose_email_and_give_an_address(
    harness: Harness, seeded: Seeded, client: httpx.AsyncClient
) -> None:
    csrf = await signed_in(harness, client, STAFF)
    form = (await client.get("/web/settings")).text
    assert 'value="telegram" checked' in form and 'name="email"' in form
    saved = await client.post(
        "/web/settings", data={"csrf": csrf, "delivery": "both", "email": " Sam@Example.ORG "}
    )
    assert saved.status_code == 200 and "Telegram and email" in saved.text
    assert await kept(harness, STAFF) == (Delivery.BOTH, "Sam@example.org")
    # What Telegram's /settings then says is what the page kept.
    assert "Sam@example.org" in joined(await harness.send(STAFF, "/settings"))


async def test_a_bad_address_changes_nothing(
    harness: Harness, seeded: Seeded, client: httpx.AsyncClient
) -> None:
    csrf = await signed_in(harness, client, STAFF)
    bad = await client.post(
        "/web/settings", data={"csrf": csrf, "delivery": "email", "email": "sam at <b>home"}
    )
    assert bad.status_code == 400 and "doesn&#39;t look like an email address" in bad.text
    assert 'aria-invalid="true"' in bad.text and "<b>home" not in bad.text  # escaped
    assert await kept(harness, STAFF) == (Delivery.TELEGRAM, None)
    # Email without an address is kept, and everything keeps coming by Telegram till one is given.
    none = await client.post("/web/settings", data={"csrf": csrf, "delivery": "email", "email": ""})
    assert none.status_code == 200 and "once you give an email address" in none.text
    assert await kept(harness, STAFF) == (Delivery.EMAIL, None)


async def test_the_form_needs_its_token_and_a_team_member(
    harness: Harness, seeded: Seeded, client: httpx.AsyncClient
) -> None:
    csrf = await signed_in(harness, client, PROGRAMME)
    forged = await client.post(
        "/web/settings", data={"csrf": "0" * 64, "delivery": "email", "email": "a@example.org"}
    )
    assert forged.status_code == 403
    odd = await client.post("/web/settings", data={"csrf": csrf, "delivery": "pigeon", "email": ""})
    assert odd.status_code == 400
    assert await kept(harness, PROGRAMME) == (Delivery.TELEGRAM, None)
    done = await client.post(
        "/web/settings", data={"csrf": csrf, "delivery": "email", "email": "p@example.org"}
    )
    assert done.status_code == 200 and await kept(harness, PROGRAMME) == (
        Delivery.EMAIL,
        "p@example.org",
    )
    # Signed out, the page asks them to sign in and keeps nothing.
    client.cookies.clear()
    assert (await client.get("/web/settings")).status_code == 401
