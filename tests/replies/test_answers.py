"""Staff answer suggestions and the people who made them are told ("you said, we did")."""

from __future__ import annotations

import pytest

from storage.models import Comment, Outbox, Outcome, Response
from tests.support import outbox
from tests.support.harness import Harness, join, joined, suggest, texts
from tests.support.offline import Call
from tests.support.seed import Seeded, seed_project

STAFF, ANN, BEN, VOL, OTHER_STAFF = 4100, 4200, 4300, 4400, 4500


@pytest.fixture
async def seeded(harness: Harness) -> Seeded:
    seeded = await seed_project(harness.db)
    other = await seed_project(harness.db, slug="walk", name="Monday Walkers")
    await join(harness, STAFF, seeded.staff_code)
    await join(harness, OTHER_STAFF, other.staff_code)
    await suggest(harness, ANN, seeded.participant_code, "Could the heating go on earlier?")
    harness.clock.advance(hours=1)
    await suggest(harness, BEN, seeded.participant_code, "Turn the heating up <please> & soon")
    return seeded


async def answer(harness: Harness, ticks: list[str], outcome: str, *typed: str) -> list[Call]:
    listing = await harness.send(STAFF, "/replies")
    for label in ticks:
        await harness.press_button(STAFF, listing, label)
    calls = await harness.press_button(STAFF, listing, "Answer")
    calls = await harness.press_button(STAFF, calls, outcome)
    for words in typed:
        calls = await harness.send(STAFF, words)
    return calls


async def test_staff_see_what_waits_newest_first(harness: Harness, seeded: Seeded) -> None:
    listing = await harness.send(STAFF, "/replies")
    text = joined(listing)
    assert "waiting for a reply</b> (2)" in text
    assert text.index("Turn the heating up &lt;please&gt; &amp; soon") < text.index(
        "Could the heating"
    )
    assert "Person " in text and str(ANN) not in text
    assert [label for label, _ in listing[-1].buttons][:3] == ["Tick 1", "Tick 2", "Answer"]


async def test_the_full_loop(harness: Harness, seeded: Seeded) -> None:
    preview = await answer(
        harness, ["Tick 1", "Tick 2"], "We've changed this", "The heating now comes on at 8."
    )
    text = joined(preview)
    assert "exactly what people will get" in text
    assert (
        "Firth Park Coffee Morning says they've changed this: “The heating now comes on at 8.”"
        in text
    )
    assert await harness.count(Response) == 0  # nothing is saved before Send
    sent = await harness.press_button(STAFF, preview, "Send it")
    assert "2 people will get your reply" in joined(sent)
    (response,) = await harness.rows(Response)
    assert response.outcome is Outcome.CHANGED
    assert all(
        c.response_id == response.id for c in await harness.rows(Comment, Comment.kind == "change")
    )
    told = {row.chat_id: outbox.told(row).text for row in await harness.rows(Outbox)}
    assert set(told) == {ANN, BEN}
    assert "You told us: “Could the heating go on earlier?”" in told[ANN]
    assert "“Turn the heating up &lt;please&gt; &amp; soon”" in told[BEN]
    assert "no suggestions waiting" in joined(await harness.send(STAFF, "/replies"))


async def test_cannot_needs_a_reason(harness: Harness, seeded: Seeded) -> None:
    calls = await answer(harness, ["Tick 1"], "We can't change this")
    assert "say why it can't change" in joined(calls)
    assert "Please say why" in joined(await harness.send(STAFF, "   "))
    calls = await harness.send(STAFF, "The boiler belongs to the church.")
    assert "one or two plain sentences" in joined(calls)
    preview = await harness.send(STAFF, "We've asked them, but it's their rule.")
    assert "The reason: The boiler belongs to the church." in joined(preview)
    await harness.press_button(STAFF, preview, "Send it")
    (response,) = await harness.rows(Response)
    assert response.reason == "The boiler belongs to the church."


async def test_cancel_sends_nothing(harness: Harness, seeded: Seeded) -> None:
    preview = await answer(harness, ["Tick 1"], "We've changed this", "Done.")
    assert "nothing was sent" in joined(await harness.press_button(STAFF, preview, "Cancel"))
    assert await harness.count(Outbox) == 0 and await harness.count(Response) == 0


async def test_a_forgotten_person_is_not_told(harness: Harness, seeded: Seeded) -> None:
    ask = await harness.send(ANN, "/forget")
    await harness.press_button(ANN, ask, "Yes, delete it all")
    preview = await answer(harness, ["Tick 1"], "We've changed this", "Done.")
    await harness.press_button(STAFF, preview, "Send it")
    assert [row.chat_id for row in await harness.rows(Outbox)] == [BEN]


async def test_an_update_tells_people_again(harness: Harness, seeded: Seeded) -> None:
    preview = await answer(harness, ["Tick 1"], "We're looking into it", "We're asking the church.")
    await harness.press_button(STAFF, preview, "Send it")
    listing = await harness.send(STAFF, "/replies")
    pick = await harness.press_button(STAFF, listing, "Update an earlier reply")
    assert "asking the church" in joined(pick)
    calls = await harness.press_button(STAFF, pick, "1")
    calls = await harness.press_button(STAFF, calls, "We've changed this")
    preview = await harness.send(STAFF, "The heating now comes on at 8.")
    assert "There's news" in joined(preview)
    await harness.press_button(STAFF, preview, "Send it")
    (response,) = await harness.rows(Response)
    assert response.version == 2 and response.outcome is Outcome.CHANGED
    messages = [outbox.told(r).text for r in await harness.rows(Outbox, Outbox.chat_id == BEN)]
    assert len(messages) == 2 and "There's news" in messages[-1]


async def test_roles_are_checked_on_every_command_and_button(
    harness: Harness, seeded: Seeded
) -> None:
    assert "for the team" in joined(await harness.send(ANN, "/replies"))
    (ann_comment,) = await harness.rows(Comment, Comment.text == "Could the heating go on earlier?")
    assert "for the team" in joined(await harness.press(ANN, f"rtick:{ann_comment.id}"))
    # Another project's staff cannot tick, or answer, this project's suggestion.
    listing = await harness.send(OTHER_STAFF, "/replies")
    assert "no suggestions waiting" in joined(listing)
    forged = await harness.press(OTHER_STAFF, f"rtick:{ann_comment.id}")
    assert texts(forged) == [] and "earlier" in forged[0].params["text"]
    for data in ("rgo", "rsend", "rout:changed", "rupdpick:1"):
        assert texts(await harness.press(OTHER_STAFF, data)) == []
    assert await harness.count(Response) == 0 and await harness.count(Outbox) == 0


async def test_a_group_suggestion_goes_back_to_the_volunteer(
    harness: Harness, seeded: Seeded
) -> None:
    await join(harness, VOL, seeded.volunteer_code)
    calls = await harness.send(VOL, "/note")
    calls = await harness.send(VOL, "Firth Park library")
    calls = await harness.press_button(VOL, calls, "Today")
    calls = await harness.press_button(VOL, calls, "11 to 20")
    note = await harness.send(VOL, "More chairs with arms")
    await harness.press_button(VOL, note, "Done")
    listing = await harness.send(STAFF, "/replies")
    assert "the group at Firth Park library" in joined(listing)
    preview = await answer(
        harness, ["Tick 1"], "We've changed this", "Six new chairs arrive on Monday."
    )
    await harness.press_button(STAFF, preview, "Send it")
    (told,) = await harness.rows(Outbox, Outbox.chat_id == VOL)
    said = outbox.told(told).text
    assert "At Firth Park library, the group told us: “More chairs with arms”" in said
    assert "read this out" in said
