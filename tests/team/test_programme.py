"""What the programme team see (PRIVACY.md): totals and themes across every project, and a
project's own words, or acting in its name, only when they are also that project's staff."""

from __future__ import annotations

import pytest

from storage.models import Comment, Invite, Outbox, Response, Role
from tests.support.harness import Harness, fresh_invite, join, joined, texts
from tests.support.offline import Call
from tests.support.seed import Seeded, seed_project

STAFF, ANN, PROGRAMME, BOTH = 7100, 7200, 7300, 7400  # BOTH: programme team and staff of X
SUGGESTION = "Could the heating go on earlier?"
WORRY = "I cant cope anymore"
NOT_YOURS = "each group's own team"


@pytest.fixture
async def seeded(harness: Harness) -> Seeded:
    seeded = await seed_project(harness.db)
    await seed_project(harness.db, slug="walk", name="Monday Walkers")
    await join(harness, STAFF, seeded.staff_code)
    await join(harness, PROGRAMME, await fresh_invite(harness, Role.PROGRAMME, None))
    await join(harness, BOTH, await fresh_invite(harness, Role.PROGRAMME, None))
    await join(harness, BOTH, await fresh_invite(harness, Role.STAFF, seeded.project_id))
    calls = await join(harness, ANN, seeded.participant_code)
    await harness.press_button(ANN, calls, "Skip")  # past "what did you enjoy"
    await harness.send(ANN, SUGGESTION)  # "is there anything you'd change?"
    await harness.send(ANN, WORRY)
    return seeded


async def comment(harness: Harness, text: str) -> Comment:
    (found,) = await harness.rows(Comment, Comment.text == text)
    assert isinstance(found, Comment)
    return found


async def test_flagged_messages_are_for_the_projects_staff(
    harness: Harness, seeded: Seeded
) -> None:
    refused = await harness.send(PROGRAMME, "/flagged")
    assert NOT_YOURS in joined(refused) and "cope" not in joined(refused)
    assert refused[-1].buttons == []
    assert "cope" in joined(await harness.send(BOTH, "/flagged"))
    # The alert went to the project's staff, the programme member who is one of them too.
    alerted = {r.chat_id for r in await harness.rows(Outbox, Outbox.kind == "alert")}
    assert alerted == {STAFF, BOTH}


async def test_only_the_projects_staff_mark_a_flag(harness: Harness, seeded: Seeded) -> None:
    worry = await comment(harness, WORRY)
    assert NOT_YOURS in joined(await harness.press(PROGRAMME, f"flg:{worry.id}"))
    assert (await comment(harness, WORRY)).reviewed_at is None
    assert "looked at" in joined(await harness.press(BOTH, f"flg:{worry.id}"))
    assert (await comment(harness, WORRY)).reviewed_at is not None


async def test_only_the_projects_staff_answer_its_suggestions(
    harness: Harness, seeded: Seeded
) -> None:
    suggestion = await comment(harness, SUGGESTION)
    listing = await harness.send(PROGRAMME, "/replies")
    assert NOT_YOURS in joined(listing) and "heating" not in joined(listing)
    assert NOT_YOURS in joined(await harness.press(PROGRAMME, f"rtick:{suggestion.id}"))
    for data in ("rgo", "rsend", "rout:changed", "rupd"):
        assert "heating" not in joined(await harness.press(PROGRAMME, data))
    # Also staff of the project: they answer, and Ann is told.
    listing = await harness.send(BOTH, "/replies")
    assert "heating" in joined(listing)
    await harness.press_button(BOTH, listing, "Tick 1")
    calls = await harness.press_button(BOTH, listing, "Answer")
    calls = await harness.press_button(BOTH, calls, "We've changed this")
    calls = await harness.send(BOTH, "The heating now comes on at 9.")
    await harness.press_button(BOTH, calls, "Send it")
    (response,) = await harness.rows(Response)
    assert response.project_id == seeded.project_id
    assert await harness.count(Outbox, Outbox.chat_id == ANN, Outbox.kind == "reply") == 1


async def test_no_spreadsheet_of_a_projects_words(harness: Harness, seeded: Seeded) -> None:
    assert NOT_YOURS in joined(await harness.send(PROGRAMME, "/export"))
    forged = await harness.press(PROGRAMME, "export:this_week")
    assert NOT_YOURS in joined(forged) and not [c for c in forged if c.method == "sendDocument"]
    (sheet,) = [
        c for c in await harness.press(BOTH, "export:this_week") if c.method == "sendDocument"
    ]
    assert sheet.params["document"]["filename"].startswith("comments-firth-park-")
    assert SUGGESTION in sheet.params["document"]["content"].decode()


async def test_the_digest_preview_has_totals_not_words(harness: Harness, seeded: Seeded) -> None:
    text = joined(await harness.send(PROGRAMME, "/digest"))
    assert "All projects" in text and "Firth Park Coffee Morning" in text
    assert "heating" not in text and "Person " not in text
    both = joined(await harness.send(BOTH, "/digest"))
    assert "All projects" in both and "heating" in both  # their own project's round-up too


async def test_no_invite_links_in_a_projects_name(harness: Harness, seeded: Seeded) -> None:
    assert NOT_YOURS in joined(await harness.send(PROGRAMME, "/invite"))
    forged = await harness.press(PROGRAMME, f"inv:participant:{seeded.project_id}")
    assert texts(forged) == []
    made = Invite.role == Role.PARTICIPANT, Invite.project_id == seeded.project_id
    assert await harness.count(Invite, *made) == 1  # the seeded one only
    ask = await harness.send(BOTH, "/invite")
    assert [label for label, _ in ask[-1].buttons] == [
        "A link for members",
        "A link for a volunteer",
    ]


async def test_reports_of_a_single_project_only_for_its_staff(
    harness: Harness, seeded: Seeded
) -> None:
    def files(calls: list[Call]) -> list[str]:
        return [c.params["document"]["filename"] for c in calls if c.method == "sendDocument"]

    (alone,) = files(await harness.press(PROGRAMME, "report:last_month"))
    assert alone.startswith("numbers-programme-")
    both = files(await harness.press(BOTH, "report:last_month"))
    assert [name.split("-2026")[0] for name in both] == ["numbers-programme", "numbers-firth-park"]
