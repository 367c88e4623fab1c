"""The staff web page in a real headless Chromium: signing in through the link Telegram sent,
reading comments (never another project's), answering a suggestion that reaches the person over
the fake Bot API, and the refusals: a link used twice or too old, a form without its token."""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime

from itsdangerous import TimestampSigner, URLSafeTimedSerializer
from playwright.async_api import Browser, BrowserContext, Page, expect

from bot import web
from storage.db import Database
from tests.fake_telegram import FakeTelegram
from tests.runtime.test_end_to_end import join_over_http
from tests.support.keys import PSEUDONYM_KEY
from tests.support.seed import seed_project
from tests.web.conftest import SHOTS, WebBot

STAFF, ANN, OTHER_STAFF, BEN = 717171, 727272, 737373, 747474
LINK = re.compile(r"(http://\S+/sign-in\?token=\S+)")


async def link_for(fake: FakeTelegram, user: int) -> str:
    """Send /web in Telegram and read the link from the bot's answer."""
    fake.user_sends_text(user, "/web")
    text = (await fake.next_message(user)).text or ""
    found = LINK.search(text)
    assert found, text
    return found.group(1)


async def suggest(fake: FakeTelegram, user: int, code: str, words: str) -> None:
    """Join, answer the first question, then say what to change."""
    first = await join_over_http(fake, user, code)
    assert "What did you enjoy" in (first.text or "")
    fake.user_sends_text(user, "The singing")
    assert "change" in ((await fake.next_message(user)).text or "")
    fake.user_sends_text(user, words)
    await fake.next_message(user)


async def sign_in(context: BrowserContext, link: str) -> Page:
    page = await context.new_page()
    await page.goto(link)
    await page.get_by_role("button", name="Sign me in").click()
    return page


def old_link(web_url: str, telegram_id: int, minutes_ago: int) -> str:
    """A link signed with the page's own key, as if sent `minutes_ago`."""

    class Then(TimestampSigner):
        def get_timestamp(self) -> int:
            return int(time.time()) - minutes_ago * 60

    key = web.derive_key(PSEUDONYM_KEY)
    serializer = URLSafeTimedSerializer(key, salt=web.LINK_SALT, signer=Then)
    token = serializer.dumps({"n": f"old-{minutes_ago}-{time.time()}", "t": telegram_id})
    return f"{web_url}/sign-in?token={token}"


async def test_sign_in_read_and_answer_in_a_browser(
    fake: FakeTelegram, web_bot: WebBot, db: Database, context: BrowserContext
) -> None:
    seeded = await seed_project(db, now=datetime.now(UTC))  # team links last 7 days
    other = await seed_project(db, slug="walk", name="Monday Walkers", now=datetime.now(UTC))
    await join_over_http(fake, STAFF, seeded.staff_code)
    await join_over_http(fake, OTHER_STAFF, other.staff_code)
    await suggest(fake, ANN, seeded.participant_code, "Could the heating go on <earlier> & warmer?")
    await suggest(fake, BEN, other.participant_code, "The walk is far too long for me")

    page = await sign_in(context, await link_for(fake, STAFF))
    await expect(page.get_by_role("heading", name="This week at a glance")).to_be_visible()
    glance = await page.inner_text("main")
    assert "What people would change" in glance and "sent with this message" not in glance
    # The digest's charts, drawn and shown, each named by its text alternative (as a screen
    # reader meets it) and captioned with the same words.
    weekly = page.get_by_role("img", name=re.compile("^Comments each week"))
    await expect(weekly).to_be_visible()
    assert await weekly.evaluate("img => img.naturalWidth") == 1200
    await expect(page.locator("figcaption").first).to_contain_text(
        "In all: 2."
    )  # the singing and the heating
    await expect(
        page.get_by_role("img", name=re.compile("^What people talked about"))
    ).to_have_count(1)
    SHOTS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(SHOTS / "glance.png"), full_page=True)
    # At 200% zoom (half the width) the charts shrink to fit: nothing to scroll sideways for.
    await page.set_viewport_size({"width": 550, "height": 900})
    assert await page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    await page.screenshot(path=str(SHOTS / "glance-200.png"), full_page=True)
    await page.set_viewport_size({"width": 1100, "height": 900})
    cookie = next(c for c in await context.cookies() if c["name"] == "natter_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax" and not cookie["secure"]  # http

    # Comments: their project's, escaped, never the other project's.
    await page.get_by_role("navigation").get_by_role("link", name="Comments").click()
    await expect(page.get_by_role("heading", name="Comments")).to_be_visible()
    current = page.get_by_role("navigation").locator('[aria-current="page"]')
    await expect(current).to_have_text("Comments")
    body = await page.inner_text("main")
    assert "Could the heating go on <earlier> & warmer?" in body
    assert "The walk is far too long" not in body
    assert "Person " in body and str(ANN) not in body
    await page.get_by_label("Words to look for").fill("singing")
    await page.get_by_role("button", name="Show comments").click()
    await expect(page).to_have_url(re.compile("words=singing"))
    found = await page.inner_text("ul.comments")
    assert "The singing" in found and "heating" not in found
    await page.get_by_label("Kind").select_option("change")
    await page.get_by_label("Words to look for").fill("")
    await page.get_by_role("button", name="Show comments").click()
    await expect(page).to_have_url(re.compile("kind=change"))
    found = await page.inner_text("ul.comments")
    assert "heating" in found and "The singing" not in found
    await page.screenshot(path=str(SHOTS / "comments.png"), full_page=True)
    # At 200% zoom (half the width, the same text size) nothing needs scrolling sideways.
    await page.set_viewport_size({"width": 550, "height": 900})
    wide = await page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert wide <= 0
    await page.screenshot(path=str(SHOTS / "comments-200.png"), full_page=True)
    await page.set_viewport_size({"width": 1100, "height": 900})
    # By keyboard: the first Tab reaches "Skip to the page".
    await page.keyboard.press("Tab")
    focused = await page.evaluate("document.activeElement.textContent")
    assert focused == "Skip to the page"

    # Answer: tick, say what happened, preview exactly what Ann will get, send.
    await page.get_by_role("navigation").get_by_role("link", name="Answer suggestions").click()
    await page.get_by_label(re.compile("heating")).check()
    await page.screenshot(path=str(SHOTS / "replies.png"), full_page=True)
    await page.get_by_role("button", name="Answer the ticked ones").click()
    await page.get_by_label("We've changed this").check()
    await page.get_by_label("One or two plain sentences").fill("The heating now comes on at 8.")
    await page.get_by_role("button", name="Show me what people will get").click()
    await expect(page.locator("#preview")).to_be_visible()
    preview = await page.inner_text("#preview")
    assert "You told us: “Could the heating go on <earlier> & warmer?”" in preview
    assert "The heating now comes on at 8." in preview
    await page.screenshot(path=str(SHOTS / "preview.png"), full_page=True)
    await page.get_by_role("button", name="Send it").click()
    await expect(page.locator("main")).to_contain_text("will get your reply")
    told = await fake.next_message(ANN, timeout=20)
    assert "The heating now comes on at 8." in (told.text or "")
    assert "Could the heating go on &lt;earlier&gt; &amp; warmer?" in (told.text or "")
    assert fake.messages_to(BEN)[-1].text != told.text  # the other project heard nothing

    # A form without its CSRF token (or with another's) is refused, and nothing changes.
    forms: list[dict[str, str | float | bool]] = [
        {"page": "0", "go": "answer"},
        {"csrf": "0" * 64, "go": "answer"},
    ]
    for form in forms:
        refused = await context.request.post(f"{web_bot.url}/replies/ticks", form=form)
        assert refused.status == 403

    # Signed out, the page asks them to sign in again.
    await page.get_by_role("button", name="Sign out").click()
    await expect(page.locator("main")).to_contain_text("You have signed out")
    await page.goto(f"{web_bot.url}/comments")
    await expect(page.locator("main")).to_contain_text("Please sign in first")
    assert "heating" not in await page.inner_text("main")


async def test_a_link_works_once_and_for_15_minutes(
    fake: FakeTelegram, web_bot: WebBot, db: Database, browser: Browser
) -> None:
    """The sign-in smoke test (run on PostgreSQL too, as the whole suite is)."""
    context = await browser.new_context()
    seeded = await seed_project(db, now=datetime.now(UTC))  # team links last 7 days
    await join_over_http(fake, STAFF, seeded.staff_code)
    link = await link_for(fake, STAFF)
    page = await sign_in(context, link)
    await expect(page.get_by_role("heading", name="This week at a glance")).to_be_visible()

    # Used once: refused the second time, even in a fresh browser.
    again = await sign_in(await browser.new_context(), link)
    await expect(again.locator("main")).to_contain_text("used already, or it is too old")

    # Signed 16 minutes ago with the right key: too old. The same made 14 minutes ago works.
    stale = await sign_in(await browser.new_context(), old_link(web_bot.url, STAFF, 16))
    await expect(stale.locator("main")).to_contain_text("used already, or it is too old")
    fresh = await sign_in(await browser.new_context(), old_link(web_bot.url, STAFF, 14))
    await expect(fresh.get_by_role("heading", name="This week at a glance")).to_be_visible()

    # Someone who is not on a team gets no link.
    await join_over_http(fake, ANN, seeded.participant_code)
    fake.user_sends_text(ANN, "/web")
    assert "/sign-in" not in ((await fake.next_message(ANN)).text or "")
