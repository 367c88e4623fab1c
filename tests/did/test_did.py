"""/did through the real handlers (issue 15, point 6): staff note what the team heard and did,
one question a screen, each with Cancel, a read-back with Save, Change and Cancel; kept as a
group session the team noted, one group comment and its reply, with nobody named and nobody told.
The pair in the digest, /report and `natter report` is in tests/did/test_did_pairs.py."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import delete

from storage.models import (
    Comment,
    Dialogue,
    GroupSession,
    Level,
    Membership,
    Outbox,
    Outcome,
    Person,
    Response,
    Role,
    Source,
)
from tests.support.harness import Harness, join, joined, suggest
from tests.support.offline import Call
from tests.support.outbox import told
from tests.support.seed import Seeded, seed_project
from tests.support.team import add_member

STAFF, ANN, VOL, PIP, STAFF_TWO = 8100, 8200, 8300, 8400, 8500
OUTCOMES = ["We've changed this", "We're looking into it", "We can't change this"]
RELAYED = (
    "Thank you for telling me. I've told the team at Age UK Sheffield now. "
    "If they are in danger right now, call 999."
)


@pytest.fixture
async def seeded(harness: Harness) -> Seeded:
    seeded = await seed_project(harness.db)
    await join(harness, STAFF, seeded.staff_code)
    return seeded


async def did(
    harness: Harness,
    place: str = "the Tuesday coffee morning",
    said: str = "The urn takes ages to boil",
    outcome: str = "We've changed this",
    done: str = "We bought a second urn.",
) -> list[Call]:
    """/did up to its read-back, typing each answer (nothing is kept yet)."""
    calls = await harness.send(STAFF, "/did")
    assert "Where was it, or who was it with?" in joined(calls)
    calls = await harness.send(STAFF, place)
    assert "What did people say?" in joined(calls)
    calls = await harness.send(STAFF, said)
    assert "What did the team do about it?" in joined(calls)
    calls = await harness.press_button(STAFF, calls, outcome)
    calls = await harness.send(STAFF, done)
    assert "Here is how it will look in your round-up" in joined(calls)
    return calls


async def everything(harness: Harness) -> dict[str, list[tuple[Any, ...]]]:
    """Every kept row /did could touch, as plain values, to show nothing else changed."""
    return {
        "sessions": sorted(
            (g.id, g.place, g.by_team, g.closed_at) for g in await harness.rows(GroupSession)
        ),
        "comments": sorted(
            (c.id, c.text, c.response_id, c.flagged) for c in await harness.rows(Comment)
        ),
        "responses": sorted((r.id, r.text, r.outcome) for r in await harness.rows(Response)),
        "outbox": sorted((o.id, o.key) for o in await harness.rows(Outbox)),
    }


async def test_what_the_team_heard_and_did_is_kept_in_a_minute(
    harness: Harness, seeded: Seeded
) -> None:
    calls = await harness.send(STAFF, "/did")
    assert [label for label, _ in calls[-1].buttons] == ["Cancel"]  # no places noted yet
    calls = await harness.send(STAFF, "the Tuesday coffee morning")
    assert [label for label, _ in calls[-1].buttons] == ["Cancel"]
    calls = await harness.send(STAFF, "The urn takes ages to boil")
    assert [label for label, _ in calls[-1].buttons] == [*OUTCOMES, "Cancel"]
    calls = await harness.press_button(STAFF, calls, "We've changed this")
    assert "What did the team change?" in joined(calls)
    read_back = await harness.send(STAFF, "We bought a second urn.")
    text = joined(read_back)
    assert (
        "• You said: “The urn takes ages to boil” (heard by the team: the Tuesday coffee "
        "morning).\n   We changed this: “We bought a second urn.”"
    ) in text
    assert "Nobody is sent a message about it" in text
    assert [label for label, _ in read_back[-1].buttons] == ["Save", "Change", "Cancel"]
    # Nothing is kept before Save.
    assert await harness.count(GroupSession) == await harness.count(Response) == 0
    assert await harness.count(Comment) == 0

    saved = await harness.press_button(STAFF, read_back, "Save")
    assert "Saved, thank you" in joined(saved)
    (group,) = await harness.rows(GroupSession)
    assert group.by_team and group.volunteer_id is None and group.closed_at is not None
    assert (group.place, group.headcount, group.headcount_band) == (
        "the Tuesday coffee morning", 0, None
    )  # fmt: skip
    (comment,) = await harness.rows(Comment)
    (response,) = await harness.rows(Response)
    (staff,) = await harness.rows(Person, Person.telegram_id == STAFF)
    assert comment.text == "The urn takes ages to boil" and comment.person_id is None
    assert (comment.source, comment.level) == (Source.RELAYED, Level.GROUP)
    assert comment.group_session_id == group.id and comment.project_id == seeded.project_id
    assert comment.response_id == response.id and comment.needs_reply is True
    assert not comment.flagged
    assert (response.outcome, response.text, response.reason) == (
        Outcome.CHANGED, "We bought a second urn.", None
    )  # fmt: skip
    assert response.staff_id == staff.id and response.version == 1
    # Nobody is told "you said, we did": there is no contributor.
    assert not [row for row in await harness.rows(Outbox) if row.kind == "reply"]
    (dialogue,) = await harness.rows(Dialogue, Dialogue.person_id == staff.id)
    assert not dialogue.state


async def test_we_cant_keeps_its_reason(harness: Harness, seeded: Seeded) -> None:
    await harness.send(STAFF, "/did")
    await harness.send(STAFF, "the Tuesday coffee morning")
    calls = await harness.send(STAFF, "Could it be on Fridays too?")
    calls = await harness.press_button(STAFF, calls, "We can't change this")
    assert "Why can't it change?" in joined(calls)
    read_back = await harness.send(STAFF, "The hall is only ours on Tuesdays.")
    assert "We can't change this: “The hall is only ours on Tuesdays.”" in joined(read_back)
    await harness.press_button(STAFF, read_back, "Save")
    (response,) = await harness.rows(Response)
    assert response.outcome is Outcome.CANNOT
    assert response.text == response.reason == "The hall is only ours on Tuesdays."


async def test_recent_places_are_buttons(harness: Harness, seeded: Seeded) -> None:
    # A volunteer's group, then an earlier /did: both places are offered, newest first.
    await join(harness, VOL, seeded.volunteer_code)
    calls = await harness.send(VOL, "/note")
    calls = await harness.send(VOL, "Firth Park library")
    calls = await harness.press_button(VOL, calls, "Today")
    calls = await harness.press_button(VOL, calls, "6 to 10")
    await harness.send(VOL, "Lovely scones")
    await harness.send(VOL, "done")
    harness.clock.advance(minutes=5)
    await harness.press_button(STAFF, await did(harness, place="the Friday walk"), "Save")

    calls = await harness.send(STAFF, "/did")
    labels = [label for label, _ in calls[-1].buttons]
    assert labels == ["the Friday walk", "Firth Park library", "Cancel"]
    calls = await harness.press_button(STAFF, calls, "Firth Park library")
    assert "What did people say?" in joined(calls)
    calls = await harness.send(STAFF, "More chairs please")
    calls = await harness.press_button(STAFF, calls, "We're looking into it")
    assert "What will the team do?" in joined(calls)
    await harness.press_button(STAFF, await harness.send(STAFF, "We'll ask the hall."), "Save")
    places = sorted(g.place for g in await harness.rows(GroupSession, GroupSession.by_team))
    assert places == ["Firth Park library", "the Friday walk"]
    # The volunteer's own places are still only their own.
    calls = await harness.send(VOL, "/note")
    assert [label for label, _ in calls[-1].buttons] == ["Firth Park library"]


STEPS = ["where", "said", "outcome", "did", "read-back", "change", "change again"]


async def walk_to(harness: Harness, step: str) -> list[Call]:
    """/did as far as `step`, whose Cancel is pressed next."""
    calls = await harness.send(STAFF, "/did")
    for at, answer in (
        ("said", "the Tuesday coffee morning"),
        ("outcome", "The urn takes ages to boil"),
        ("did", "We've changed this"),
        ("read-back", "We bought a second urn."),
        ("change", "Change"),
        ("change again", "What people said"),
    ):
        if STEPS.index(step) < STEPS.index(at):
            break
        typed = answer not in OUTCOMES and answer not in ("Change", "What people said")
        calls = await (
            harness.send(STAFF, answer) if typed else harness.press_button(STAFF, calls, answer)
        )
    return calls


@pytest.mark.parametrize("step", STEPS)
async def test_cancel_at_any_step_keeps_nothing_and_loses_nothing(
    harness: Harness, seeded: Seeded, step: str
) -> None:
    # What was there before: a participant's suggestion and an earlier /did.
    await suggest(harness, ANN, seeded.participant_code, "The hall is cold")
    await harness.press_button(STAFF, await did(harness, said="Biscuits please"), "Save")
    before = await everything(harness)

    calls = await walk_to(harness, step)
    assert "Cancel" in [label for label, _ in calls[-1].buttons]
    cancelled = await harness.press_button(STAFF, calls, "Cancel")
    assert "I haven't kept any of it" in joined(cancelled)
    assert await everything(harness) == before
    (staff,) = await harness.rows(Person, Person.telegram_id == STAFF)
    (dialogue,) = await harness.rows(Dialogue, Dialogue.person_id == staff.id)
    assert not dialogue.state
    # After Cancel the step's buttons are stale, and a typed message is not an answer.
    stale = await harness.press_button(STAFF, calls, "Cancel")
    assert "earlier" in stale[0].params["text"]
    assert await everything(harness) == before


async def test_change_one_answer_from_the_read_back(harness: Harness, seeded: Seeded) -> None:
    read_back = await did(harness)
    calls = await harness.press_button(STAFF, read_back, "Change")
    assert "What would you like to change?" in joined(calls)
    assert [label for label, _ in calls[-1].buttons] == [
        "Where it was", "What people said", "What the team did", "Cancel"
    ]  # fmt: skip
    calls = await harness.press_button(STAFF, calls, "What people said")
    assert "What did people say?" in joined(calls)
    again = await harness.send(STAFF, "The tea is too weak")
    # Straight back to the read-back, the other answers as they were.
    text = joined(again)
    assert "You said: “The tea is too weak” (heard by the team: the Tuesday coffee morning)" in text
    assert "We changed this: “We bought a second urn.”" in text

    calls = await harness.press_button(STAFF, again, "Change")
    calls = await harness.press_button(STAFF, calls, "What the team did")
    calls = await harness.press_button(STAFF, calls, "We're looking into it")
    again = await harness.send(STAFF, "We'll buy stronger tea.")
    assert "We're looking into it: “We'll buy stronger tea.”" in joined(again)

    calls = await harness.press_button(STAFF, again, "Change")
    calls = await harness.press_button(STAFF, calls, "Where it was")
    again = await harness.send(STAFF, "the Friday walk")
    assert "(heard by the team: the Friday walk)" in joined(again)

    await harness.press_button(STAFF, again, "Save")
    (comment,) = await harness.rows(Comment)
    (response,) = await harness.rows(Response)
    (group,) = await harness.rows(GroupSession)
    assert comment.text == "The tea is too weak" and group.place == "the Friday walk"
    assert (response.outcome, response.text) == (Outcome.LOOKING, "We'll buy stronger tea.")


async def test_a_typed_answer_where_a_tap_is_wanted_shows_the_buttons_again(
    harness: Harness, seeded: Seeded
) -> None:
    await harness.send(STAFF, "/did")
    await harness.send(STAFF, "the Tuesday coffee morning")
    await harness.send(STAFF, "The urn takes ages")
    refused = await harness.send(STAFF, "we changed it")
    assert "Please tap one of the buttons" in joined(refused)
    assert [label for label, _ in refused[-1].buttons] == [*OUTCOMES, "Cancel"]
    await harness.press_button(STAFF, refused, "We've changed this")
    assert "Please type what the team did" in joined(await harness.send(STAFF, "   "))
    assert "under 600 letters" in joined(await harness.send(STAFF, "word " * 130))
    read_back = await harness.send(STAFF, "A new urn.")
    refused = await harness.send(STAFF, "yes")
    assert "Please tap one of the buttons" in joined(refused)
    assert [label for label, _ in refused[-1].buttons] == ["Save", "Change", "Cancel"]
    await harness.press_button(STAFF, read_back, "Save")
    assert await harness.count(Response) == 1
    assert [c.text for c in await harness.rows(Comment)] == ["The urn takes ages"]


async def test_what_people_said_is_typed_only(harness: Harness, seeded: Seeded) -> None:
    await harness.send(STAFF, "/did")
    await harness.send(STAFF, "the Tuesday coffee morning")
    voice = await harness.voice(STAFF, seconds=5)
    assert "I can only take typed words, not a voice message" in joined(voice)
    assert await harness.count(Comment) == 0  # the voice message is not kept
    calls = await harness.send(STAFF, "The urn takes ages")
    assert "What did the team do about it?" in joined(calls)


async def test_words_that_look_like_stop_or_help_are_what_people_said(
    harness: Harness, seeded: Seeded
) -> None:
    await harness.send(STAFF, "/did")
    await harness.send(STAFF, "the Tuesday coffee morning")
    calls = await harness.send(STAFF, "stop")
    assert "What did the team do about it?" in joined(calls)
    calls = await harness.press_button(STAFF, calls, "We're looking into it")
    read_back = await harness.send(STAFF, "help")
    assert "You said: “stop”" in joined(read_back) and "“help”" in joined(read_back)
    (staff,) = await harness.rows(Person, Person.telegram_id == STAFF)
    assert not staff.paused


async def test_staff_of_two_projects_pick_the_project_first(
    harness: Harness, seeded: Seeded
) -> None:
    other = await seed_project(harness.db, slug="walk", name="Monday Walkers")
    await join(harness, STAFF, other.staff_code)
    calls = await harness.send(STAFF, "/did")
    assert "Which group is this for?" in joined(calls)
    labels = [label for label, _ in calls[-1].buttons]
    assert labels == ["Firth Park Coffee Morning", "Monday Walkers", "Cancel"]
    calls = await harness.press_button(STAFF, calls, "Monday Walkers")
    assert "Where was it" in joined(calls)
    calls = await harness.send(STAFF, "the canal path")
    calls = await harness.press_button(
        STAFF, await harness.send(STAFF, "Slower please"), OUTCOMES[0]
    )
    await harness.press_button(STAFF, await harness.send(STAFF, "We walk slower."), "Save")
    (comment,) = await harness.rows(Comment)
    (response,) = await harness.rows(Response)
    assert comment.project_id == response.project_id == other.project_id


async def test_it_is_for_a_projects_staff_only(harness: Harness, seeded: Seeded) -> None:
    await join(harness, ANN, seeded.participant_code)
    await join(harness, VOL, seeded.volunteer_code)
    await add_member(harness.db, PIP, None, Role.PROGRAMME, harness.clock.now(), "P9")
    team_only = "Sorry, that's for the team who run the group."
    for who in (ANN, VOL, 8999):  # a participant, a volunteer, someone who never joined
        assert team_only in joined(await harness.send(who, "/did"))
    assert "that's for each group's own team" in joined(await harness.send(PIP, "/did"))
    # Nor can they press its buttons, even ones made up.
    for data in ("didsave", "didcancel", "didout:changed", "didproj:1", "didplace:0"):
        assert team_only in joined(await harness.press(ANN, data))
    assert await harness.count(Comment) == await harness.count(GroupSession) == 0
    assert await harness.count(Response) == 0


async def test_taken_off_the_team_midway_keeps_nothing(harness: Harness, seeded: Seeded) -> None:
    read_back = await did(harness)
    (staff,) = await harness.rows(Person, Person.telegram_id == STAFF)
    async with harness.db.transaction() as session:
        await session.execute(delete(Membership).where(Membership.person_id == staff.id))
    refused = await harness.press_button(STAFF, read_back, "Save")
    assert "Sorry, that's for the team who run the group." in joined(refused)
    assert await harness.count(Comment) == await harness.count(Response) == 0


async def test_save_twice_keeps_it_once(harness: Harness, seeded: Seeded) -> None:
    read_back = await did(harness)
    await harness.press_button(STAFF, read_back, "Save")
    stale = await harness.press_button(STAFF, read_back, "Save")
    assert "earlier" in stale[0].params["text"]
    assert await harness.count(Comment) == await harness.count(Response) == 1


async def test_a_worry_is_screened_as_a_volunteers_note_is(
    harness: Harness, seeded: Seeded
) -> None:
    await harness.send(STAFF, "/did")
    await harness.send(STAFF, "the Tuesday coffee morning")
    # Typed, it is an answer, not a cry for help from the staff member: no help, no alert yet.
    calls = await harness.send(STAFF, "Doreen said she had a fall at home and couldn't get up")
    assert "What did the team do about it?" in joined(calls) and "999" not in joined(calls)
    assert await harness.count(Outbox) == 0
    calls = await harness.press_button(STAFF, calls, "We're looking into it")
    read_back = await harness.send(STAFF, "We will ring her daughter today.")
    saved = await harness.press_button(STAFF, read_back, "Save")
    # As for a volunteer's note of a worry: thanked, told to call 999, the note flagged, and
    # the project's staff alerted with the words as typed.
    assert RELAYED in joined(saved) and "Saved, thank you" in joined(saved)
    (comment,) = await harness.rows(Comment)
    assert comment.flagged and comment.flag_topic == "falls"
    (alert,) = [row for row in await harness.rows(Outbox) if row.kind == "alert"]
    words = told(alert).text
    assert alert.chat_id == STAFF and "Someone on the team at" in words
    assert "Doreen said she had a fall at home" in words and "ring her daughter" in words
    assert not [row for row in await harness.rows(Outbox) if row.kind == "reply"]
    # It is never quoted: the digest's pair has no "you said" for it.
    digest = joined(await harness.send(STAFF, "/digest"))
    assert "Doreen" not in digest and "had a fall" not in digest
    assert "We're looking into it: “We will ring her daughter today.”" in digest


async def test_help_on_the_way_leaves_it_where_it_was(harness: Harness, seeded: Seeded) -> None:
    await harness.send(STAFF, "/did")
    await harness.send(STAFF, "the Tuesday coffee morning")
    helped = await harness.send(STAFF, "/help")
    assert "You're noting what the team heard and did" in joined(helped)
    calls = await harness.send(STAFF, "The urn takes ages")
    assert "What did the team do about it?" in joined(calls)
