"""The web page's role checks, as Telegram's are tested (tests/team/test_programme.py): staff
see and act for their own projects only, the programme team see totals, never a project's
words; sessions end on sign-out and after their hours. In process, over real HTTP requests to
the ASGI app (httpx), against the test database; the browser tests drive the rest."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator

import httpx
import pytest

from bot import web
from storage.models import Comment, Invite, Outbox, Role, WebSignIn
from tests.support.harness import Harness, fresh_invite, join, joined
from tests.support.keys import PSEUDONYM_KEY
from tests.support.seed import Seeded, seed_project

STAFF, ANN, PROGRAMME, OTHER_STAFF, BEN = 8100, 8200, 8300, 8400, 8500
URL = "http://desk.test/web"
CSRF = re.compile(r'name="csrf" value="([0-9a-f]{64})"')


@pytest.fixture
def config() -> web.WebConfig:
    return web.WebConfig(URL, web.derive_key(PSEUDONYM_KEY))


@pytest.fixture
async def seeded(harness: Harness, config: web.WebConfig) -> Seeded:
    harness.app.bot_data.web = config
    seeded = await seed_project(harness.db)
    other = await seed_project(harness.db, slug="walk", name="Monday Walkers")
    await join(harness, STAFF, seeded.staff_code)
    await join(harness, OTHER_STAFF, other.staff_code)
    await join(harness, PROGRAMME, await fresh_invite(harness, Role.PROGRAMME, None))
    for user, code, words in (
        (ANN, seeded.participant_code, "Could the heating go on earlier?"),
        (BEN, other.participant_code, "The walk is far too long"),
    ):
        calls = await join(harness, user, code)
        await harness.press_button(user, calls, "Skip")
        await harness.send(user, words)
    return seeded


@pytest.fixture
async def client(harness: Harness, config: web.WebConfig) -> AsyncIterator[httpx.AsyncClient]:
    async def username() -> str:
        return "natter_test_bot"

    app = web.build_web_app(harness.db, harness.app.bot_data.deps, config, username)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://desk.test") as made:
        yield made


async def signed_in(harness: Harness, client: httpx.AsyncClient, user: int) -> str:
    """Sign in with the link /web sent; returns the page's CSRF token."""
    link = re.search(r"(http://\S+)", joined(await harness.send(user, "/web")))
    assert link, "no link"
    path = link.group(1).replace("http://desk.test", "")
    token = path.split("token=", 1)[1]
    done = await client.post("/web/sign-in", data={"token": token})
    assert done.status_code == 303, done.text
    glance = await client.get("/web/glance")
    assert glance.status_code == 200
    found = CSRF.search(glance.text)
    assert found
    return found.group(1)


async def test_staff_see_and_answer_only_their_own_projects(
    harness: Harness, seeded: Seeded, client: httpx.AsyncClient
) -> None:
    csrf = await signed_in(harness, client, STAFF)
    listed = (await client.get("/web/comments")).text
    assert "heating go on earlier" in listed and "far too long" not in listed
    # A forged tick of the other project's suggestion is kept but can never be answered.
    (theirs,) = await harness.rows(Comment, Comment.text == "The walk is far too long")
    form = {"csrf": csrf, "shown": str(theirs.id), "tick": str(theirs.id), "go": "answer"}
    assert (await client.post("/web/replies/ticks", data=form)).status_code == 303
    answer = {"csrf": csrf, "outcome": "changed", "text": "Shorter now."}
    refused = await client.post("/web/replies/preview", data=answer)
    assert refused.status_code == 400 and "far too long" not in refused.text
    sent = await client.post("/web/replies/send", data=answer)
    assert "will get your reply" not in sent.text
    assert await harness.count(Outbox, Outbox.chat_id == BEN, Outbox.kind == "reply") == 0
    # Spreadsheets and invite links: theirs only.
    project_id = seeded.project_id
    own = await client.get("/web/report/comments.csv", params={"project": str(project_id)})
    assert own.headers["content-type"].startswith("text/csv")
    assert "heating go on earlier" in own.text and "far too long" not in own.text
    sheet = await client.get("/web/report/comments.csv", params={"project": theirs.project_id})
    assert sheet.status_code == 403 and "far too long" not in sheet.text
    # The printable report: theirs only, a real PDF.
    printed = await client.get("/web/report/learning.pdf", params={"project": str(project_id)})
    assert printed.headers["content-type"] == "application/pdf"
    assert printed.content.startswith(b"%PDF") and b"attachment" in (
        printed.headers["content-disposition"].encode()
    )
    refused = await client.get("/web/report/learning.pdf", params={"project": theirs.project_id})
    assert refused.status_code == 403 and not refused.content.startswith(b"%PDF")
    assert "learning.pdf" in (await client.get("/web/report")).text  # a button on the page
    made = await client.post(
        "/web/invite", data={"csrf": csrf, "project": str(theirs.project_id), "role": "volunteer"}
    )
    assert made.status_code == 400
    invites = await harness.count(Invite)
    made = await client.post(
        "/web/invite", data={"csrf": csrf, "project": str(project_id), "role": "volunteer"}
    )
    assert "https://t.me/natter_test_bot?start=" in made.text and "data:image/png" in made.text
    assert await harness.count(Invite) == invites + 1


async def test_the_programme_team_see_totals_not_words(
    harness: Harness, seeded: Seeded, client: httpx.AsyncClient
) -> None:
    await signed_in(harness, client, PROGRAMME)
    glance = (await client.get("/web/glance")).text
    assert "heating" not in glance and "far too long" not in glance
    for path in ("/web/comments", "/web/replies", "/web/flagged", "/web/invite"):
        page = await client.get(path)
        assert page.status_code == 403 and "heating" not in page.text, path
    sheet = await client.get("/web/report/comments.csv", params={"project": seeded.project_id})
    assert sheet.status_code == 403 and "heating" not in sheet.text
    # The programme's numbers, as /report gives them: small counts hidden, no words.
    numbers = await client.get("/web/report", params={"since": "2026-10-01"})
    assert "Numbers for all projects" in numbers.text and "fewer than 5" in numbers.text
    assert "heating" not in numbers.text and "Person " not in numbers.text
    link = re.search(r'href="(/web/report/numbers\.csv\?[^"]+)"', numbers.text)
    assert link
    spreadsheet = await client.get(link.group(1).replace("&amp;", "&"))
    assert spreadsheet.headers["content-type"].startswith("text/csv")
    assert "fewer than 5" in spreadsheet.text


async def test_sessions_end_on_sign_out_and_after_their_hours(
    harness: Harness, seeded: Seeded, client: httpx.AsyncClient
) -> None:
    csrf = await signed_in(harness, client, STAFF)
    assert (await client.post("/web/sign-out", data={"csrf": "wrong"})).status_code == 403
    assert (await client.get("/web/comments")).status_code == 200
    assert (await client.post("/web/sign-out", data={"csrf": csrf})).status_code == 200
    assert (await client.get("/web/comments")).status_code == 401

    await signed_in(harness, client, STAFF)
    harness.clock.advance(hours=8, minutes=1)
    assert (await client.get("/web/comments")).status_code == 401
    # Forgotten (/forget): their sign-ins go with them, and the cookie opens nothing.
    harness.clock.advance(hours=-8, minutes=-1)
    assert (await client.get("/web/comments")).status_code == 200
    assert await harness.count(WebSignIn) == 2
    await harness.press_button(STAFF, await harness.send(STAFF, "/forget"), "Yes, delete it all")
    assert await harness.count(WebSignIn) == 0
    assert (await client.get("/web/comments")).status_code == 401


async def test_ticks_are_kept_across_pages_and_all_are_answered(
    harness: Harness, seeded: Seeded, client: httpx.AsyncClient
) -> None:
    people = list(range(8600, 8611))  # 11 more suggestions: two pages of ten
    for n, user in enumerate(people):
        calls = await join(harness, user, seeded.participant_code)
        await harness.press_button(user, calls, "Skip")
        await harness.send(user, f"Could we have biscuits number {n} please?")
        harness.clock.advance(minutes=1)
    csrf = await signed_in(harness, client, STAFF)
    first = await client.get("/web/replies")
    shown = re.findall(r'name="shown" value="(\d+)"', first.text)
    assert len(shown) == 10 and 'value="next"' in first.text
    await client.post(
        "/web/replies/ticks",
        data={"csrf": csrf, "page": "0", "shown": shown, "tick": shown[0], "go": "next"},
    )
    second = await client.get("/web/replies", params={"page": "1"})
    later = re.findall(r'name="shown" value="(\d+)"', second.text)
    assert later and not set(later) & set(shown)
    await client.post(
        "/web/replies/ticks",
        data={"csrf": csrf, "page": "1", "shown": later, "tick": later[-1], "go": "answer"},
    )
    assert "Ticks kept so far: 2" in (await client.get("/web/replies", params={"page": "0"})).text
    answer = {"csrf": csrf, "outcome": "looking", "text": "We are asking the kitchen."}
    preview = await client.post("/web/replies/preview", data=answer)
    assert "We are asking the kitchen." in preview.text
    sent = await client.post("/web/replies/send", data=answer)
    assert "will get your reply" in sent.text
    told = await harness.rows(Outbox, Outbox.kind == "reply")
    assert len(told) == 2


async def test_over_https_the_cookie_is_secure(harness: Harness, seeded: Seeded) -> None:
    config = web.WebConfig("https://desk.test/web", web.derive_key(PSEUDONYM_KEY))
    harness.app.bot_data.web = config

    async def username() -> str:
        return "natter_test_bot"

    app = web.build_web_app(harness.db, harness.app.bot_data.deps, config, username)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="https://desk.test") as client:
        link = re.search(r"token=(\S+)", joined(await harness.send(STAFF, "/web")))
        assert link
        done = await client.post("/web/sign-in", data={"token": link.group(1)})
        cookie = done.headers["set-cookie"].lower()
        assert "secure" in cookie and "httponly" in cookie and "samesite=lax" in cookie
        assert "path=/web" in cookie


def test_web_settings_are_checked() -> None:
    from bot.runtime.settings import ConfigError, load_settings

    good = load_settings(None, {"WEB_URL": "https://natter.example.org/web/", "WEB_PORT": "8090"})
    assert (good.web_url, good.web_port) == ("https://natter.example.org/web", 8090)
    for bad in ({"WEB_URL": "natter.example.org"}, {"WEB_PORT": "80a"}, {"WEB_PORT": "70000"}):
        with pytest.raises(ConfigError):
            load_settings(None, bad)
