"""Each comment is read for what it is when stored (bot/language/kinds.py): suggestions and
questions reach /replies wherever they were said, "no, that's all" is neither listed, counted
nor quoted, and staff's "No reply needed" wins over the reading."""

from __future__ import annotations

import pytest

from bot import digests
from bot.core.weeks import week_so_far
from storage.models import Comment, Project, Reading
from tests.support.harness import Harness, join, joined
from tests.support.seed import Seeded, seed_project

STAFF, ANN = 4100, 4200
TRIP = "could we have a trip to the seaside in the spring?"
CLEETHORPES = "are we going to Cleethorpes again this year?"


@pytest.fixture
async def seeded(harness: Harness) -> Seeded:
    seeded = await seed_project(harness.db)
    await join(harness, STAFF, seeded.staff_code)
    calls = await join(harness, ANN, seeded.participant_code)
    calls = await harness.send(ANN, "The singing was lovely")  # what did you enjoy
    calls = await harness.press_button(ANN, calls, "Skip")  # anything you'd change
    calls = await harness.press_button(ANN, calls, "Skip")  # start doing
    await harness.send(ANN, "No, that's all")  # anything else: the Skip button, typed out
    await harness.send(ANN, "Thanks, see you next week")
    await harness.send(ANN, TRIP)  # out of the blue, after the questions
    await harness.send(ANN, CLEETHORPES)
    return seeded


async def readings(harness: Harness) -> dict[str, Reading | None]:
    return {c.text or "": c.reading for c in await harness.rows(Comment)}


async def test_each_comment_is_read_when_it_is_stored(harness: Harness, seeded: Seeded) -> None:
    assert await readings(harness) == {
        "The singing was lovely": Reading.PRAISE,
        "Thanks, see you next week": Reading.NOT_FEEDBACK,
        TRIP: Reading.SUGGESTION,
        CLEETHORPES: Reading.QUESTION,
    }


async def test_suggestions_and_questions_said_anywhere_wait_for_a_reply(
    harness: Harness, seeded: Seeded
) -> None:
    listing = joined(await harness.send(STAFF, "/replies"))
    assert "(2)" in listing and TRIP in listing and "Cleethorpes" in listing
    assert "all" not in listing.replace("call", "") and "singing" not in listing


async def test_not_feedback_is_neither_counted_nor_quoted(harness: Harness, seeded: Seeded) -> None:
    (project,) = await harness.rows(Project, Project.id == seeded.project_id)
    deps = harness.app.bot_data.deps
    period = week_so_far(harness.clock.now(), 0, deps.timezone)
    async with harness.db.transaction() as session:
        built = "\n".join((await digests.build_project(session, deps, project, period)).parts)
    assert "The singing was lovely" in built and "that's all" not in built
    assert "3 comments" in built


async def test_no_reply_needed_takes_the_ticked_ones_off_the_list(
    harness: Harness, seeded: Seeded
) -> None:
    listing = await harness.send(STAFF, "/replies")
    await harness.press_button(STAFF, listing, "Tick 1")  # the newest: Cleethorpes
    after = joined(await harness.press_button(STAFF, listing, "No reply needed"))
    assert "off this list" in after and "Cleethorpes" not in after and TRIP in after
    (marked,) = [c for c in await harness.rows(Comment) if c.text == CLEETHORPES]
    assert marked.needs_reply is False and marked.reading is Reading.QUESTION


async def test_no_reply_needed_asks_for_a_tick_first(harness: Harness, seeded: Seeded) -> None:
    listing = await harness.send(STAFF, "/replies")
    pressed = await harness.press_button(STAFF, listing, "No reply needed")
    toasts = [c.params.get("text") for c in pressed if c.method == "answerCallbackQuery"]
    assert toasts == ["Please tick a suggestion first."]
    assert all(c.needs_reply is None for c in await harness.rows(Comment))


async def test_themes_are_stored_with_the_comment_and_read_again_on_an_edit(
    harness: Harness, seeded: Seeded
) -> None:
    (trip,) = [c for c in await harness.rows(Comment) if c.text == TRIP]
    assert trip.themes is not None and trip.themes["activities"] is False  # something missing
    async with harness.db.transaction() as session:
        row = await session.get(Comment, trip.id)
        assert row is not None
        row.staff_themes = {"cost": True}
    await harness.edit(ANN, trip.message_id, "the bus to the hall is always late")
    (edited,) = [c for c in await harness.rows(Comment) if c.id == trip.id]
    assert edited.themes is not None and edited.themes.get("transport") is False
    assert "activities" not in edited.themes
    assert edited.staff_themes == {"cost": True}  # staff's word is never read over
    assert edited.reading is Reading.SUGGESTION


async def test_what_sounds_like_danger_is_never_put_aside_as_chatter(
    harness: Harness, seeded: Seeded
) -> None:
    await harness.send(ANN, "I can't cope any more and I have no food")
    (worry,) = [c for c in await harness.rows(Comment) if c.text and "cope" in c.text]
    assert worry.reading is not Reading.NOT_FEEDBACK
