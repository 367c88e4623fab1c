"""Web sign-ins are data about a person: /mydata lists the ones held (when, until when, signed
out, suggestions ticked), and the daily retention sweep deletes each once its hours are over."""

from __future__ import annotations

from datetime import timedelta

import httpx

from bot import web
from bot.privacy import retention
from storage.models import WebSignIn
from tests.support.harness import Harness
from tests.support.seed import Seeded
from tests.web.test_roles import STAFF, client, config, seeded, signed_in

__all__ = ["client", "config", "seeded"]


async def my_data(harness: Harness) -> str:
    (doc,) = [c for c in await harness.send(STAFF, "/mydata") if c.method == "sendDocument"]
    return bytes(doc.params["document"]["content"]).decode("utf-8")


async def test_mydata_lists_web_sessions_and_the_sweep_ends_them(
    harness: Harness, seeded: Seeded, client: httpx.AsyncClient
) -> None:
    assert "web page" not in await my_data(harness)  # nothing held, nothing said
    csrf = await signed_in(harness, client, STAFF)
    (waiting,) = await harness.rows(WebSignIn)
    page = await client.post(
        "/web/replies/ticks", data={"csrf": csrf, "shown": "1", "tick": "1", "go": "stay"}
    )
    assert page.status_code == 303
    await client.post("/web/sign-out", data={"csrf": csrf})
    held = await my_data(harness)
    assert "Times you signed in to the team's web page" in held
    assert held.count("\n- ") >= 1 and "until" in held and "signed out" in held
    assert "suggestions ticked to answer: 1" in held
    assert waiting.nonce not in held  # the session's secret is never shown, even to its owner

    deps = harness.app.bot_data.deps
    db = harness.db
    assert (await retention.run(db, deps, 730))["web_sign_ins"] == 0  # still within its hours
    harness.clock.advance(seconds=(web.SESSION_LIFETIME + timedelta(minutes=1)).total_seconds())
    assert (await retention.run(db, deps, 730))["web_sign_ins"] == 1
    assert await harness.rows(WebSignIn) == []
    assert "web page" not in await my_data(harness)
