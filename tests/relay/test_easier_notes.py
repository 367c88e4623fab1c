"""Volunteer notes, easier (issue 16, point 6), through the real handlers: at most four buttons
under a note, the kind and agreement one tap away and shown once chosen, headcounts in words,
refusals that repeat the buttons, and "done" typed out."""

from __future__ import annotations

import pytest

from bot.relay.early import MAX_HELD
from storage.models import Agreement, Comment, GroupSession, Kind, Source
from tests.relay.test_relay import VOL, open_session
from tests.relay.test_relay import seeded as seeded  # the fixture: a project and its volunteer
from tests.support.harness import Harness, joined
from tests.support.offline import Call
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


@pytest.mark.parametrize("typed", ["lots", "a few", "12 14", "dozens", "lots of them came"])
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


async def _at_the_day_step(harness: Harness) -> list[Call]:
    await harness.send(VOL, "/note")
    calls = await harness.send(VOL, "The hall")
    assert "When did the group meet" in joined(calls)
    return calls


async def test_a_note_typed_before_the_note_is_open_is_kept_and_filed_first(
    harness: Harness, seeded: Seeded
) -> None:
    await _at_the_day_step(harness)
    held = await harness.send(VOL, "The tea urn was broken again")
    assert "I've kept that" in joined(held) and "When did the group meet" in joined(held)
    assert [label for label, _ in held[-1].buttons] == ["Today", "Yesterday", "Another day"]
    assert await harness.count(Comment) == 0  # nothing to file it in yet
    count = await harness.press_button(VOL, held, "Today")
    again = await harness.send(VOL, "everyone wants the quiz back please")
    assert "I've kept that" in joined(again) and "how many people" in joined(again)
    ready = await harness.press_button(VOL, again, "6 to 10")
    assert "each thing people said" in joined(ready)
    assert "I've added what you sent earlier: that's 2 so far" in joined(ready)
    assert count and [label for label, _ in ready[-1].buttons][-1] == "Done"
    (group,) = await harness.rows(GroupSession)
    notes = sorted(await harness.rows(Comment), key=lambda c: c.id)
    assert [n.text for n in notes] == [
        "The tea urn was broken again",
        "everyone wants the quiz back please",
    ]
    assert {(n.group_session_id, n.person_id, n.source) for n in notes} == {
        (group.id, None, Source.RELAYED)
    }
    later = await harness.send(VOL, "Loved the singing")
    assert "3 so far" in joined(later)  # the held ones count as the session's first
    done = await harness.press_button(VOL, later, "Done")
    assert "I've noted 3 things from The hall" in joined(done)


async def test_a_typed_date_is_still_read_and_a_short_try_still_asked_again(
    harness: Harness, seeded: Seeded
) -> None:
    calls = await _at_the_day_step(harness)
    calls = await harness.press_button(VOL, calls, "Another day")
    for tried in ("not sure", "it was on a friday", "the one before last"):
        refused = await harness.send(VOL, tried)
        assert "couldn't read that date" in joined(refused), tried
    assert (await harness.rows(Comment)) == []
    count = await harness.send(VOL, "yesterday")
    assert "how many people" in joined(count)
    ready = await harness.send(VOL, "about 12")
    assert "each thing people said" in joined(ready) and "earlier" not in joined(ready)


async def test_a_note_delivered_twice_before_the_note_is_open_is_kept_once(
    harness: Harness, seeded: Seeded
) -> None:
    calls = await _at_the_day_step(harness)
    for _ in range(2):
        await harness.send(VOL, "The chairs are far too low", message_id=900)
    calls = await harness.press_button(VOL, calls, "Today")
    ready = await harness.press_button(VOL, calls, "6 to 10")
    assert "that's 1 so far" in joined(ready)
    assert [c.text for c in await harness.rows(Comment)] == ["The chairs are far too low"]


async def test_a_set_up_holds_at_most_ten_notes(harness: Harness, seeded: Seeded) -> None:
    await _at_the_day_step(harness)
    for n in range(MAX_HELD):
        held = await harness.send(VOL, f"note number {'x' * (n + 1)} from the group")
        assert "I've kept that" in joined(held)
    refused = await harness.send(VOL, "and one more thing they said")
    assert "couldn't read that date" in joined(refused)
    calls = await harness.press_button(VOL, refused, "Today")
    ready = await harness.press_button(VOL, calls, "6 to 10")
    assert f"that's {MAX_HELD} so far" in joined(ready)
    assert await harness.count(Comment) == MAX_HELD
