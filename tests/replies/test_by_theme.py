"""/replies by theme: every waiting suggestion about one theme ticked at once, across pages,
answered once, and each person told with their own words."""

from __future__ import annotations

import pytest

from bot.core import buttons
from storage.models import Outbox, Response
from tests.support import outbox
from tests.support.harness import Harness, join, joined, suggest
from tests.support.seed import Seeded, seed_project

STAFF, OTHER_STAFF = 4600, 4700
PEOPLE = range(4800, 4807)  # seven: more than one page of /replies (five a page)
TEA = "could we have a proper pot of tea instead of the urn number {n}"
BUS = "the bus stop is a long walk from the hall"


@pytest.fixture
async def seeded(harness: Harness) -> Seeded:
    seeded = await seed_project(harness.db)
    other = await seed_project(harness.db, slug="walk", name="Monday Walkers")
    await join(harness, STAFF, seeded.staff_code)
    await join(harness, OTHER_STAFF, other.staff_code)
    for n, user in enumerate(PEOPLE[:-1]):
        await suggest(harness, user, seeded.participant_code, TEA.format(n=n))
        harness.clock.advance(minutes=5)
    await suggest(harness, PEOPLE[-1], seeded.participant_code, BUS)
    return seeded


async def test_tick_a_theme_across_pages_and_answer_once(harness: Harness, seeded: Seeded) -> None:
    listing = await harness.send(STAFF, "/replies")
    themes = await harness.press_button(STAFF, listing, "Answer by theme")
    labels = [label for call in themes for label, _ in call.buttons]
    assert "Food and drink (6)" in labels and any(label.startswith("Transport") for label in labels)
    ticked = await harness.press_button(STAFF, themes, "Food and drink (6)")
    shown = joined(ticked)
    assert "Ticked 6 about Food and drink" in shown and "And 0 more" not in shown
    assert shown.count("proper pot of tea") == 6 and BUS not in shown
    calls = await harness.press_button(STAFF, ticked, "Answer")
    calls = await harness.press_button(STAFF, calls, "We've changed this")
    preview = await harness.send(STAFF, "We have bought a big teapot.")
    assert "6 people will get your reply" in joined(
        await harness.press_button(STAFF, preview, "Send it")
    )
    assert await harness.count(Response) == 1
    told = {row.chat_id: outbox.told(row).text for row in await harness.rows(Outbox)}
    assert set(told) == set(PEOPLE[:-1])
    for n, user in enumerate(PEOPLE[:-1]):
        assert f"You told us: “{TEA.format(n=n)}”" in told[user]  # their own words
    left = joined(await harness.send(STAFF, "/replies"))
    assert BUS in left and "proper pot" not in left


async def test_only_their_own_projects_and_a_real_theme(harness: Harness, seeded: Seeded) -> None:
    other = joined(await harness.press(OTHER_STAFF, buttons.encode(buttons.ReplyTheme(5))))
    assert "No suggestion waiting" in other  # the tea is not Monday Walkers'
    assert not [c for c in await harness.press(STAFF, "rthm:99") if c.method == "sendMessage"]
