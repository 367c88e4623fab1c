"""Volunteers noting what a group said: every step, and every odd input on the way."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import update

from storage.models import Agreement, Comment, GroupSession, Kind, Level, Project, Source
from tests.support.harness import Harness, join, joined, texts
from tests.support.offline import Call
from tests.support.seed import Seeded, seed_project

VOL, ANN = 3100, 3200


@pytest.fixture
async def seeded(harness: Harness) -> Seeded:
    seeded = await seed_project(harness.db)
    welcome = await join(harness, VOL, seeded.volunteer_code)
    # The last message (their command menu is set after it).
    (*_, last) = (c for c in welcome if c.method == "sendMessage")
    assert last.menu == ["Note what people said"]
    return seeded


async def open_session(harness: Harness, place: str = "Firth Park library") -> list[Call]:
    calls = await harness.send(VOL, "Note what people said")  # the button under the message box
    assert "Where are you" in joined(calls)
    calls = await harness.send(VOL, place)
    assert "When did the group meet" in joined(calls)
    calls = await harness.press_button(VOL, calls, "Today")
    assert "how many people" in joined(calls)
    calls = await harness.press_button(VOL, calls, "6 to 10")
    assert "each thing people said" in joined(calls)
    return calls


async def test_a_coffee_morning_noted_in_a_few_taps(harness: Harness, seeded: Seeded) -> None:
    await open_session(harness)
    first = await harness.send(VOL, "The tea urn takes ages to boil")
    assert "1 so far" in joined(first) and "don't write anyone's name" in joined(first)
    details = await harness.press_button(VOL, first, "Add details")
    await harness.press_button(VOL, details, "Could be better")
    await harness.press_button(VOL, details, "Most of the room")
    second = await harness.send(VOL, "Loved the singalong")
    assert "2 so far" in joined(second) and "name" not in joined(second)  # reminded once only
    await harness.press_button(VOL, await harness.press_button(VOL, second, "Add details"), "Good")
    await harness.voice(VOL, seconds=9)
    done = await harness.press_button(VOL, second, "Done")
    assert "I've noted 3 things from Firth Park library. Thank you!" in joined(done)
    assert done[-1].menu == ["Note what people said"]

    (group,) = await harness.rows(GroupSession)
    assert group.place == "Firth Park library" and group.held_on == date(2026, 11, 2)
    assert (group.headcount, group.headcount_band) == (8, "6-10") and group.closed_at is not None
    notes = sorted(await harness.rows(Comment), key=lambda c: c.id)
    assert [n.text for n in notes] == [
        "The tea urn takes ages to boil",
        "Loved the singalong",
        None,
    ]
    assert notes[0].kind is Kind.CHANGE and notes[0].agreement is Agreement.MOST
    assert notes[1].kind is Kind.LIKED and notes[2].voice_seconds == 9
    assert all(n.source is Source.RELAYED and n.level is Level.GROUP for n in notes)
    assert all(n.person_id is None and n.group_session_id == group.id for n in notes)


async def test_undo_removes_the_last_note(harness: Harness, seeded: Seeded) -> None:
    await open_session(harness)
    for words in ("one", "two", "three"):
        calls = await harness.send(VOL, words)
    undo = await harness.press_button(VOL, calls, "Undo last")
    assert "2 so far" in joined(undo)
    assert sorted(c.text or "" for c in await harness.rows(Comment)) == ["one", "two"]


async def test_one_persons_words_are_individual(harness: Harness, seeded: Seeded) -> None:
    calls = await open_session(harness)
    ask = await harness.press_button(VOL, calls, "Pass on what one person said")
    assert "one person's view" in joined(ask)
    await harness.send(VOL, "I'd like a lift to the group")
    (note,) = await harness.rows(Comment)
    assert note.level is Level.INDIVIDUAL and note.person_id is None


async def test_recent_places_become_buttons(harness: Harness, seeded: Seeded) -> None:
    await open_session(harness, "Firth Park library")
    calls = await harness.send(VOL, "x")
    await harness.press_button(VOL, calls, "Done")
    again = await harness.send(VOL, "/note")
    assert [label for label, _ in again[-1].buttons] == ["Firth Park library"]
    when = await harness.press_button(VOL, again, "Firth Park library")
    assert "When did the group meet" in joined(when)


@pytest.mark.parametrize(
    ("typed", "answer"),
    [("tomorrow", "couldn't read"), ("31/02", "couldn't read"), ("soon", "couldn't read")],
)
async def test_unreadable_dates_are_asked_again(
    harness: Harness, seeded: Seeded, typed: str, answer: str
) -> None:
    await harness.send(VOL, "/note")
    calls = await harness.send(VOL, "The hall")
    calls = await harness.press_button(VOL, calls, "Another day")
    assert "like 3/11" in joined(calls)
    assert answer in joined(await harness.send(VOL, typed))
    assert await harness.count(GroupSession) == 0


async def test_a_future_date_is_refused_and_a_uk_date_accepted(
    harness: Harness, seeded: Seeded
) -> None:
    await harness.send(VOL, "/note")
    calls = await harness.send(VOL, "The hall")
    await harness.press_button(VOL, calls, "Another day")
    future = (harness.clock.now() + timedelta(days=3)).strftime("%-d/%-m")
    assert "hasn't happened yet" in joined(await harness.send(VOL, future))
    assert "how many people" in joined(await harness.send(VOL, "30 Oct"))
    await harness.send(VOL, "12")
    (group,) = await harness.rows(GroupSession)
    assert (
        group.held_on == date(2026, 10, 30)
        and group.headcount == 12
        and group.headcount_band is None
    )


@pytest.mark.parametrize("typed", ["0", "lots", "-3", "100000", "²", "٣"])
async def test_bad_headcounts_are_asked_again(harness: Harness, seeded: Seeded, typed: str) -> None:
    await harness.send(VOL, "/note")
    calls = await harness.send(VOL, "The hall")
    await harness.press_button(VOL, calls, "Yesterday")
    refused = await harness.send(VOL, typed)
    assert "couldn't tell how many" in joined(refused)
    # A refusal repeats the buttons, so there is always something to tap.
    assert [label for label, _ in refused[-1].buttons] == [
        "1 to 5", "6 to 10", "11 to 20", "More than 20"
    ]  # fmt: skip
    assert await harness.count(GroupSession) == 0


async def test_done_with_nothing_noted_keeps_nothing(harness: Harness, seeded: Seeded) -> None:
    calls = await open_session(harness)
    done = await harness.press_button(VOL, calls, "Done")
    assert "haven't kept this session" in joined(done)
    assert await harness.count(GroupSession) == 0


async def test_buttons_from_a_closed_session_do_nothing(harness: Harness, seeded: Seeded) -> None:
    await open_session(harness)
    note = await harness.send(VOL, "Lovely")
    await harness.press_button(VOL, note, "Done")
    for label in ("Undo last", "Add details", "Done"):
        stale = await harness.press_button(VOL, note, label)
        assert texts(stale) == [] and "earlier" in stale[0].params["text"]
    (comment,) = await harness.rows(Comment)
    assert comment.kind is Kind.OTHER


async def test_participants_cannot_note(harness: Harness, seeded: Seeded) -> None:
    await join(harness, ANN, seeded.participant_code)
    assert "for volunteers" in joined(await harness.send(ANN, "/note"))
    forged = await harness.press(ANN, "ncount:a")
    assert texts(forged) == [] and "earlier" in forged[0].params["text"]
    assert await harness.count(GroupSession) == 0


async def test_a_session_left_open_closes_itself_after_three_hours(
    harness: Harness, seeded: Seeded
) -> None:
    from bot.relay import notes as relay_notes
    from storage.models import Outbox
    from tests.support import outbox

    await open_session(harness)
    await harness.send(VOL, "Nice biscuits")
    harness.clock.advance(hours=3, minutes=1)
    async with harness.db.transaction() as session:
        assert (
            await relay_notes.close_stale(session, harness.app.bot_data.deps, harness.clock.now())
            == 1
        )
    (group,) = await harness.rows(GroupSession)
    assert group.closed_at is not None
    (told,) = await harness.rows(Outbox)
    assert "open for 3 hours" in outbox.told(told).text and told.chat_id == VOL
    # The volunteer's next message is not filed into the closed session.
    assert "tap the button" in joined(await harness.send(VOL, "one more thing"))


async def test_sessions_lists_recent_and_adds_to_todays(harness: Harness, seeded: Seeded) -> None:
    await open_session(harness)
    calls = await harness.send(VOL, "Warm room")
    await harness.press_button(VOL, calls, "Done")
    listing = await harness.send(VOL, "/sessions")
    assert "Firth Park library: 1 noted, about 6-10 people" in joined(listing)
    more = await harness.press_button(VOL, listing, "Add more to Firth Park library")
    assert "carry on at Firth Park library" in joined(more)
    await harness.send(VOL, "Cold tea")
    assert await harness.count(Comment, Comment.group_session_id.is_not(None)) == 2


async def test_volunteer_in_one_project_can_be_participant_in_another(
    harness: Harness, seeded: Seeded
) -> None:
    other = await seed_project(harness.db, slug="walk", name="Monday Walkers")
    calls = await join(harness, VOL, other.participant_code)
    assert "What did you enjoy" in joined(calls)
    await harness.send(VOL, "The views")
    (answer,) = await harness.rows(Comment)
    assert answer.source is Source.PARTICIPANT and answer.project_id == other.project_id


# --- a group far from the server: its days are its own ------------------------------------

# Noon on Monday 2 November in London is 01:00 on Tuesday 3 November in Auckland (NZDT).
AUCKLAND = "Pacific/Auckland"
LONDON_NOON = datetime(2026, 11, 2, 12, 0, tzinfo=UTC)


async def set_timezone(harness: Harness, project_id: int, name: str) -> None:
    async with harness.db.transaction() as session:
        await session.execute(update(Project).where(Project.id == project_id).values(timezone=name))


async def test_today_is_the_day_where_the_group_meets(harness: Harness, seeded: Seeded) -> None:
    await set_timezone(harness, seeded.project_id, AUCKLAND)
    harness.clock.moment = LONDON_NOON
    await open_session(harness)
    (group,) = await harness.rows(GroupSession)
    assert group.held_on == date(2026, 11, 3)


async def test_a_typed_date_is_read_where_the_group_meets(harness: Harness, seeded: Seeded) -> None:
    await set_timezone(harness, seeded.project_id, AUCKLAND)
    harness.clock.moment = LONDON_NOON
    await harness.send(VOL, "/note")
    await harness.send(VOL, "The hall")
    # Still 2 November in London, but the 3rd has begun in Auckland: not in the future.
    assert "how many people" in joined(await harness.send(VOL, "3/11"))
    await harness.send(VOL, "12")
    (group,) = await harness.rows(GroupSession)
    assert group.held_on == date(2026, 11, 3)


async def test_only_todays_sessions_take_more_where_the_group_meets(
    harness: Harness, seeded: Seeded
) -> None:
    await set_timezone(harness, seeded.project_id, AUCKLAND)
    harness.clock.moment = datetime(2026, 11, 2, 10, 30, tzinfo=UTC)  # 23:30 in Auckland
    await open_session(harness)
    calls = await harness.send(VOL, "Warm room")
    await harness.press_button(VOL, calls, "Done")
    listing = await harness.send(VOL, "/sessions")
    assert [label for label, _ in listing[-1].buttons] == ["Add more to Firth Park library"]
    harness.clock.moment = datetime(2026, 11, 2, 11, 30, tzinfo=UTC)  # the next day there
    listing = await harness.send(VOL, "/sessions")
    assert "Firth Park library" in joined(listing) and listing[-1].buttons == []
    (group,) = await harness.rows(GroupSession)
    assert texts(await harness.press(VOL, f"nadd:{group.id}")) == []  # too late to add to it
