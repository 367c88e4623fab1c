"""The settings page in a real headless Chromium, against `natter run`: a staff member chooses
email and types their address with the keyboard alone, and Telegram's /settings then says so."""

from __future__ import annotations

from datetime import UTC, datetime

from playwright.async_api import BrowserContext, expect
from sqlalchemy import select

from storage.db import Database
from storage.models import Delivery, Person
from tests.fake_telegram import FakeTelegram
from tests.runtime.test_end_to_end import join_over_http
from tests.support.seed import seed_project
from tests.web.conftest import SHOTS, WebBot
from tests.web.test_browser import link_for, sign_in

STAFF = 757575


async def test_choose_where_round_ups_go_in_a_browser(
    fake: FakeTelegram, web_bot: WebBot, db: Database, context: BrowserContext
) -> None:
    seeded = await seed_project(db, now=datetime.now(UTC))
    await join_over_http(fake, STAFF, seeded.staff_code)
    page = await sign_in(context, await link_for(fake, STAFF))
    await page.get_by_role("navigation").get_by_role("link", name="Settings").click()
    await expect(
        page.get_by_role("heading", name="Where your round-ups and alerts go")
    ).to_be_visible()
    await expect(page.get_by_role("radio", name="Telegram")).to_be_checked()

    # A bad address first: said kindly, marked on the field, nothing kept.
    # The browser lets this one through (type="email"); Natter does not: no dot in the domain.
    await page.get_by_label("Your email address").fill("sam@example")
    await page.get_by_role("radio", name="Both").check()
    await page.get_by_label("Your email address").press("Enter")  # no mouse needed
    await expect(page.get_by_role("alert")).to_contain_text("doesn't look like an email address")
    await expect(page.get_by_label("Your email address")).to_have_attribute("aria-invalid", "true")
    SHOTS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(SHOTS / "settings-refused.png"), full_page=True)

    await page.get_by_label("Your email address").fill("sam@example.org")
    await page.get_by_role("button", name="Save").click()
    await expect(page.get_by_role("status")).to_contain_text("Telegram and email")
    await expect(page.get_by_role("radio", name="Both")).to_be_checked()
    await page.screenshot(path=str(SHOTS / "settings.png"), full_page=True)
    async with db.transaction() as session:
        person = await session.scalar(select(Person).where(Person.telegram_id == STAFF))
        assert person is not None
        assert (person.delivery, person.email) == (Delivery.BOTH, "sam@example.org")

    fake.user_sends_text(STAFF, "/settings")
    assert "sam@example.org" in ((await fake.next_message(STAFF)).text or "")
