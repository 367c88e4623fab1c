"""This week at a glance with the charts the weekly digest sends: a project's own, each a PNG
with its text alternative as the alt text and the caption; none for the programme team. In
process, over real HTTP requests to the ASGI app, against the test database."""

from __future__ import annotations

import base64
import html
import io
import re

import httpx
from PIL import Image

from tests.support.harness import Harness
from tests.support.seed import Seeded
from tests.web.test_roles import PROGRAMME, STAFF, client, config, seeded, signed_in

__all__ = ["client", "config", "seeded"]

FIGURE = re.compile(
    r'<img src="data:image/png;base64,([A-Za-z0-9+/=]+)" alt="([^"]+)"[^>]*>\s*'
    r'<figcaption aria-hidden="true">([^<]+)</figcaption>'
)


async def test_staff_see_their_projects_charts_with_their_words(
    harness: Harness, seeded: Seeded, client: httpx.AsyncClient
) -> None:
    await signed_in(harness, client, STAFF)
    page = (await client.get("/web/glance")).text
    drawn = FIGURE.findall(page)
    # Ann's one comment this week (a suggestion about the venue's heating): the weekly chart,
    # its themes and "you said, we did", as the digest sends them.
    assert len(drawn) == 3, page
    weekly, themes, said = (html.unescape(alt) for _, alt, _ in drawn)
    assert weekly.startswith("Comments each week") and "In all: 1." in weekly
    assert themes.startswith("What people talked about")
    assert said.startswith("From ") and "Suggestions made: 1." in said
    for png, alt, caption in drawn:
        assert alt == caption
        picture = Image.open(io.BytesIO(base64.b64decode(png)))
        assert picture.format == "PNG" and picture.size == (1200, 675)
    # Only their project's: the other project's comment is in none of them.
    assert "In all: 2" not in page and "far too long" not in page


async def test_the_programme_team_get_no_charts(
    harness: Harness, seeded: Seeded, client: httpx.AsyncClient
) -> None:
    await signed_in(harness, client, PROGRAMME)
    page = (await client.get("/web/glance")).text
    assert "This week at a glance" in page
    assert "data:image/png" not in page and 'id="charts-heading"' not in page
