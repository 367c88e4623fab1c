"""Staff confirm or correct with one tap what a comment is about (bot/replies/themes_check.py):
from /replies and /digest, each tap kept on the comment and the card rewritten in place, and
the round-up counting what staff said."""

from __future__ import annotations

import pytest

from bot import digests
from bot.core import buttons
from bot.core.weeks import week_so_far
from storage.models import Comment, Project
from tests.support.harness import Harness, join, joined
from tests.support.offline import Call
from tests.support.seed import Seeded, seed_project

STAFF, ANN, OTHER_STAFF = 4300, 4400, 4500
BUS = "the bus stop is a long walk from the hall"
SCONES = "the scones were lovely"


@pytest.fixture
async def seeded(harness: Harness) -> Seeded:
    seeded = await seed_project(harness.db)
    await join(harness, STAFF, seeded.staff_code)
    calls = await join(harness, ANN, seeded.participant_code)
    calls = await harness.send(ANN, SCONES)  # what did you enjoy
    calls = await harness.press_button(ANN, calls, "Skip")
    calls = await harness.press_button(ANN, calls, "Skip")
    await harness.send(ANN, "No, that's all")
    await harness.send(ANN, BUS)
    return seeded


def edited(calls: list[Call]) -> Call:
    (call,) = [c for c in calls if c.method == "editMessageText"]
    return call


async def comment(harness: Harness, text: str) -> Comment:
    (found,) = await harness.rows(Comment, Comment.text == text)
    assert isinstance(found, Comment)
    return found


async def test_check_themes_from_replies_one_tap_at_a_time(
    harness: Harness, seeded: Seeded
) -> None:
    bus = await comment(harness, BUS)
    assert bus.themes and bus.themes.get("transport") is False and bus.staff_themes is None
    listing = await harness.send(STAFF, "/replies")
    card = await harness.press_button(STAFF, listing, "Check themes")
    shown = joined(card)
    assert "What is this about?" in shown and f"“{BUS}” — Person" in shown  # the newest first
    assert "Transport (unhappy)" in shown
    labels = [label for call in card for label, _ in call.buttons]
    assert labels[:2] == ["✓ That's right", "Skip"]
    assert "Transport: unhappy" in labels and "Cost" in labels

    # Transport was happy after all: the card is rewritten in place, the tap kept at once.
    tapped = await harness.press_button(STAFF, card, "Transport: unhappy")
    assert not [c for c in tapped if c.method == "sendMessage"]
    again = edited(tapped)
    assert "Saved:" in again.text and "Transport (happy)" in again.text
    assert "It is waiting for a reply in /replies." in again.text  # the rest of the card stays
    assert (await comment(harness, BUS)).staff_themes == {**bus.themes, "transport": True}
    assert "Transport: happy" in [label for label, _ in again.buttons]

    # Cost was missed: added, then "That's right" moves to the next (older) comment in place.
    added = edited(await harness.press_button(STAFF, [again], "Cost"))
    assert "Cost (unhappy)" in added.text
    following = edited(await harness.press_button(STAFF, [added], "✓ That's right"))
    assert f"“{SCONES}”" in following.text
    assert (await comment(harness, BUS)).staff_themes == {
        **bus.themes, "transport": True, "cost": False,
    }  # fmt: skip

    # "That's right" keeps the reading as staff's own; then there is nothing left.
    done = edited(await harness.press_button(STAFF, [following], "✓ That's right"))
    assert "All checked" in done.text
    scones = await comment(harness, SCONES)
    assert scones.staff_themes == scones.themes == {"food": True}
    assert "nothing to check" in joined(await harness.press_button(STAFF, listing, "Check themes"))


async def test_the_round_up_counts_what_staff_said(harness: Harness, seeded: Seeded) -> None:
    listing = await harness.send(STAFF, "/replies")
    card = await harness.press_button(STAFF, listing, "Check themes")
    await harness.press_button(STAFF, card, "Transport: unhappy")  # now happy
    (project,) = await harness.rows(Project, Project.id == seeded.project_id)
    deps = harness.app.bot_data.deps
    period = week_so_far(harness.clock.now(), 0, deps.timezone)
    async with harness.db.transaction() as session:
        built = "\n".join((await digests.build_project(session, deps, project, period)).parts)
    assert "• Transport: 1 person, mostly happy:" in built


async def test_digest_offers_the_check(harness: Harness, seeded: Seeded) -> None:
    calls = await harness.send(STAFF, "/digest")
    offer = [c for c in calls if "Check themes" in [label for label, _ in c.buttons]]
    assert offer and "right theme" in offer[0].text


async def test_only_staff_of_the_project_may_check(harness: Harness, seeded: Seeded) -> None:
    other = await seed_project(harness.db, slug="walk", name="Monday Walkers")
    await join(harness, OTHER_STAFF, other.staff_code)
    bus = await comment(harness, BUS)
    forged = buttons.encode(buttons.ThemeSet(bus.id, 0, "h"))
    calls = await harness.press(OTHER_STAFF, forged)
    assert not [c for c in calls if c.method in ("sendMessage", "editMessageText")]
    assert (await comment(harness, BUS)).staff_themes is None
    assert "nothing to check" in joined(
        await harness.press(OTHER_STAFF, buttons.encode(buttons.ThemeNext(0)))
    )
    # A participant is told it is for the team, and nothing changes.
    said = joined(await harness.press(ANN, buttons.encode(buttons.ThemeRight(bus.id))))
    assert "team" in said.lower()
    assert (await comment(harness, BUS)).staff_themes is None


async def test_any_comment_can_be_marked_as_needing_a_reply_or_not(
    harness: Harness, seeded: Seeded
) -> None:
    listing = joined(await harness.send(STAFF, "/replies"))
    assert BUS in listing and SCONES not in listing  # praise is not waiting for a reply
    card = await harness.press_button(STAFF, await harness.send(STAFF, "/replies"), "Check themes")
    assert "It is waiting for a reply in /replies." in joined(card)  # the bus stop, first
    off = edited(await harness.press_button(STAFF, card, "No reply needed"))
    assert "It is not waiting for a reply." in off.text
    assert (await comment(harness, BUS)).needs_reply is False
    scones = edited(await harness.press_button(STAFF, [off], "Skip"))
    assert f"“{SCONES}”" in scones.text and "not waiting" in scones.text
    on = edited(await harness.press_button(STAFF, [scones], "Needs a reply"))
    assert "It is waiting for a reply in /replies." in on.text
    assert "No reply needed" in [label for label, _ in on.buttons]
    listing = joined(await harness.send(STAFF, "/replies"))
    assert SCONES in listing and BUS not in listing
