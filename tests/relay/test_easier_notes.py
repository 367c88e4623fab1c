"""Volunteer notes, easier (issue 16, point 6), through the real handlers: at most four buttons
under a note, the kind and agreement one tap away and shown once chosen, headcounts in words,
refusals that repeat the buttons, and "done" typed out."""

from __future__ import annotations

import pytest

from storage.models import Agreement, Comment, GroupSession, Kind
from tests.relay.test_relay import VOL, open_session
from tests.relay.test_relay import seeded as seeded  # the fixture: a project and its volunteer
from tests.support.harness import Harness, joined
from tests.support.seed import Seeded

NOTE_BUTTONS = ["Add details", "Pass on what one person said", "Undo last", "Done"]
CHOICES = ["Good", "Could be better", "An idea", "One person", "A few", "Most of the room"]


async def test_at_most_four_buttons_under_each_note(harness: Harness, seeded: Seeded) -> None:
    await open_session(harness)
    for words in ("The urn is slow", "Loved the quiz", "More chairs please"):
        note = await harness.send(VOL, words)
        assert [label for label, _ in note[-1].buttons] == NOTE_BUTTONS
        assert len(note[-1].buttons) <= 4


async def test_details_are_one_tap_away_and_shown_once_chosen(
    harness: Harness, seeded: Seeded
) -> None:
    await open_session(harness)
    note = await harness.send(VOL, "The urn takes ages to boil")
    details = await harness.press_button(VOL, note, "Add details")
    assert "What kind of thing was it" in joined(details)
    assert [label for label, _ in details[-1].buttons] == CHOICES
    # The note keeps its own buttons: Undo and Done are still under it.
    assert not [c for c in details if c.method == "editMessageReplyMarkup"]

    kind = await harness.press_button(VOL, details, "Could be better")
    (edit,) = [c for c in kind if c.method == "editMessageText"]
    assert "Tagged: could be better." in edit.text and [b for b, _ in edit.buttons] == CHOICES
    agreed = await harness.press_button(VOL, kind, "Most of the room")
    (edit,) = [c for c in agreed if c.method == "editMessageText"]
    assert "Tagged: could be better, most of the room." in edit.text
    assert not [c for c in agreed if c.method == "sendMessage"]  # shown in place, nothing new

    (stored,) = await harness.rows(Comment)
    assert (stored.kind, stored.agreement) == (Kind.CHANGE, Agreement.MOST)
    # A change of mind is shown too.
    again = await harness.press_button(VOL, agreed, "A few")
    (edit,) = [c for c in again if c.method == "editMessageText"]
    assert "Tagged: could be better, a few." in edit.text
    (stored,) = await harness.rows(Comment)
    assert stored.agreement is Agreement.FEW


async def test_details_of_a_note_from_a_closed_session_do_nothing(
    harness: Harness, seeded: Seeded
) -> None:
    await open_session(harness)
    note = await harness.send(VOL, "Lovely")
    details = await harness.press_button(VOL, note, "Add details")
    await harness.press_button(VOL, note, "Done")
    for calls, label in ((note, "Add details"), (details, "Good")):
        stale = await harness.press_button(VOL, calls, label)
        assert "earlier" in stale[0].params["text"]
        assert not [c for c in stale if c.method in ("sendMessage", "editMessageText")]
    (stored,) = await harness.rows(Comment)
    assert stored.agreement is None


HEADCOUNTS = [
    ("about 12", 12), ("a dozen", 12), ("twelve or so", 12), ("About a dozen people", 12),
    ("around twenty", 20), ("half a dozen", 6), ("10-12", 11), ("there were 15 of us", 15),
    ("twenty-five", 25), ("roughly 30", 30), ("8", 8), ("Twelve-ish", 12),
]  # fmt: skip


@pytest.mark.parametrize(("typed", "people"), HEADCOUNTS)
async def test_headcounts_in_words(
    harness: Harness, seeded: Seeded, typed: str, people: int
) -> None:
    await harness.send(VOL, "/note")
    calls = await harness.send(VOL, "The hall")
    await harness.press_button(VOL, calls, "Today")
    ready = await harness.send(VOL, typed)
    assert "each thing people said" in joined(ready)
    (group,) = await harness.rows(GroupSession)
    assert (group.headcount, group.headcount_band) == (people, None)


@pytest.mark.parametrize("typed", ["lots", "a few", "12 14", "the urn was broken", "dozens"])
async def test_a_headcount_it_cannot_read_repeats_the_buttons(
    harness: Harness, seeded: Seeded, typed: str
) -> None:
    await harness.send(VOL, "/note")
    calls = await harness.send(VOL, "The hall")
    await harness.press_button(VOL, calls, "Today")
    refused = await harness.send(VOL, typed)
    assert "couldn't tell how many" in joined(refused)
    assert await harness.count(GroupSession) == 0
    ready = await harness.press_button(VOL, refused, "11 to 20")  # the repeated buttons work
    assert "each thing people said" in joined(ready)
    (group,) = await harness.rows(GroupSession)
    assert group.headcount_band == "11-20"


async def test_a_date_it_cannot_read_repeats_the_day_buttons(
    harness: Harness, seeded: Seeded
) -> None:
    await harness.send(VOL, "/note")
    calls = await harness.send(VOL, "The hall")
    calls = await harness.press_button(VOL, calls, "Another day")
    refused = await harness.send(VOL, "soon")
    assert "couldn't read that date" in joined(refused)
    assert [label for label, _ in refused[-1].buttons] == ["Today", "Yesterday", "Another day"]
    count = await harness.press_button(VOL, refused, "Yesterday")
    assert "how many people" in joined(count)


DONES = [
    "done", "Done!", "that's all", "All done", "finished", "That's it", "nothing else",
    "I'm done", "that's everything",
]  # fmt: skip


@pytest.mark.parametrize("typed", DONES)
async def test_done_typed_out_closes_the_session(
    harness: Harness, seeded: Seeded, typed: str
) -> None:
    await open_session(harness)
    await harness.send(VOL, "The urn is slow")
    done = await harness.send(VOL, typed)
    assert "I've noted 1 thing from Firth Park library" in joined(done)
    (group,) = await harness.rows(GroupSession)
    assert group.closed_at is not None
    assert [c.text for c in await harness.rows(Comment)] == ["The urn is slow"]


@pytest.mark.parametrize("typed", ["no", "yes ok", "skip", "stop the questions", "good"])
async def test_other_short_words_while_noting_are_what_the_group_said(
    harness: Harness, seeded: Seeded, typed: str
) -> None:
    await open_session(harness)
    noted = await harness.send(VOL, typed)
    assert "1 so far" in joined(noted)
    assert [c.text for c in await harness.rows(Comment)] == [typed]
