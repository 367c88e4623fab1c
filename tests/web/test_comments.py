"""The comments page's search and filters, in process over HTTP: theme, kind, who sent it,
dates, voice or typed, flagged; names kept out as in the digest; every word escaped."""

from __future__ import annotations

import httpx

from storage.models import Comment
from tests.support.harness import Harness
from tests.support.seed import Seeded
from tests.web.test_roles import ANN, STAFF, client, config, seeded, signed_in

__all__ = ["client", "config", "seeded"]


async def listed(client: httpx.AsyncClient, **filters: str) -> str:
    page = await client.get("/web/comments", params=filters)
    assert page.status_code == 200
    start = page.text.find('<ul class="comments">')
    return page.text[start:] if start >= 0 else ""


async def test_each_filter_narrows_the_list(
    harness: Harness, seeded: Seeded, client: httpx.AsyncClient
) -> None:
    await harness.send(ANN, "My neighbour Margaret Smith said the <b>tea</b> was cold")
    await harness.voice(ANN, seconds=9)
    await harness.send(ANN, "I cant cope anymore")
    await signed_in(harness, client, STAFF)

    every = await listed(client)
    assert "heating go on earlier" in every and "far too long" not in every
    assert "&lt;b&gt;tea&lt;/b&gt;" in every and "<b>tea" not in every  # escaped
    (named,) = await harness.rows(Comment, Comment.text.like("%Margaret%"))
    assert named.quoted and "Margaret" not in named.quoted
    assert "Margaret" not in every  # the stored quoted form, names kept out
    assert "A voice message (9 seconds)" in every

    assert "heating" in await listed(client, theme="venue")
    assert "heating" not in await listed(client, theme="transport")
    assert "heating" in await listed(client, kind="change")
    assert "heating" not in await listed(client, kind="liked")
    assert "heating" in await listed(client, source="participant")
    assert await listed(client, source="relayed") == ""
    spoken = await listed(client, spoken="yes")
    assert "A voice message" in spoken and "heating" not in spoken
    assert "A voice message" not in await listed(client, spoken="no")
    flagged = await listed(client, flagged="yes")
    assert "cope anymore" in flagged and "heating" not in flagged
    assert "cope anymore" not in await listed(client, flagged="no")
    assert await listed(client, since="2026-11-03") == ""  # the harness's clock: 2 Nov
    assert "heating" in await listed(client, since="2026-11-02", until="2026-11-02")
    assert "heating" in await listed(client, words="HEATING")
    assert "far too long" not in await listed(client, words="walk")
    review = (await client.get("/web/flagged")).text
    assert "cope anymore" in review and "heating" not in review
