"""/team: a project's team by made-up name and role, never a name; and what someone taken off
the team (`natter member remove`) can no longer finish."""

from __future__ import annotations

import pytest

from storage.models import Comment, Person, Response, Role
from tests.support.cli import natter
from tests.support.harness import Harness, fresh_invite, join, joined
from tests.support.seed import Seeded, seed_project

SUE, VIC, ANN, TOM, PAM, BOB = 9100, 9200, 9300, 9400, 9500, 9600
# Sue: staff; Vic: volunteer; Ann: member; Tom: the walk's staff; Pam: programme team;
# Bob: programme team and staff of the park.
PARK = "<b>The team for Firth Park Coffee Morning</b>"


@pytest.fixture
async def seeded(harness: Harness) -> Seeded:
    seeded = await seed_project(harness.db)
    walk = await seed_project(harness.db, slug="walk", name="Monday Walkers")
    await join(harness, SUE, seeded.staff_code)
    await join(harness, VIC, seeded.volunteer_code)
    await join(harness, ANN, seeded.participant_code)
    await join(harness, TOM, walk.staff_code)
    await join(harness, PAM, await fresh_invite(harness, Role.PROGRAMME, None))
    await join(harness, BOB, await fresh_invite(harness, Role.PROGRAMME, None))
    await join(harness, BOB, await fresh_invite(harness, Role.STAFF, seeded.project_id))
    return seeded


async def name(harness: Harness, telegram_id: int) -> str:
    (person,) = await harness.rows(Person, Person.telegram_id == telegram_id)
    return f"Person {person.pseudonym}"


async def test_staff_see_their_projects_team(harness: Harness, seeded: Seeded) -> None:
    text = joined(await harness.send(SUE, "/team"))
    sue, vic, bob = [await name(harness, who) for who in (SUE, VIC, BOB)]
    assert f"{PARK}\n• {sue}: staff (you)\n• {bob}: staff\n• {vic}: volunteer" in text
    assert await name(harness, ANN) not in text  # members are not the team
    assert await name(harness, TOM) not in text and "Monday Walkers" not in text
    assert "Ann" not in text and str(SUE) not in text  # no names, no Telegram ids
    assert "made-up names" in text
    assert "for the team" in joined(await harness.send(ANN, "/team"))
    assert "for the team" in joined(await harness.send(VIC, "/team"))


async def test_the_programme_team_see_totals_of_each_projects_team(
    harness: Harness, seeded: Seeded
) -> None:
    text = joined(await harness.send(PAM, "/team"))
    pam, bob, sue = [await name(harness, who) for who in (PAM, BOB, SUE)]
    assert (
        f"<b>The programme team</b>\n• {pam}: programme team (you)\n• {bob}: programme team" in text
    )
    assert "• Firth Park Coffee Morning: staff 2, volunteers 1" in text
    assert "• Monday Walkers: staff 1, volunteers 0" in text
    assert PARK not in text and sue not in text  # who is on a project's team: its staff's to see
    both = joined(await harness.send(BOB, "/team"))
    assert f"{PARK}\n• {sue}: staff\n• {bob}: staff (you)" in both
    assert "<b>The programme team</b>" in both and "Monday Walkers: staff 1" in both


async def test_taken_off_midway_their_note_is_not_kept(
    harness: Harness, database_url: str, seeded: Seeded
) -> None:
    await harness.send(ANN, "I cant cope anymore")
    (worry,) = await harness.rows(Comment, Comment.flagged.is_(True))
    assert "looked at" in joined(await harness.press(SUE, f"flg:{worry.id}"))
    sue = (await name(harness, SUE)).removeprefix("Person ")
    removed = await natter(database_url, "member", "remove", "--project", "firth-park", sue)
    assert removed.code == 0, removed.err
    assert "no longer on the team" in joined(await harness.send(SUE, "Rang her, she is OK"))
    (worry,) = await harness.rows(Comment, Comment.id == worry.id)
    assert worry.review_note is None
    assert "for the team" in joined(await harness.send(SUE, "/team"))


async def test_taken_off_midway_their_answer_is_not_sent(
    harness: Harness, database_url: str, seeded: Seeded
) -> None:
    await harness.send(ANN, "The tea")  # "what did you enjoy?"
    await harness.send(ANN, "Could the heating go on earlier?")  # "anything you'd change?"
    assert (await harness.rows(Comment, Comment.text.startswith("Could")))[0].kind == "change"
    listing = await harness.send(SUE, "/replies")
    await harness.press_button(SUE, listing, "Tick 1")
    calls = await harness.press_button(SUE, listing, "Answer")
    await harness.press_button(SUE, calls, "We've changed this")
    sue = (await name(harness, SUE)).removeprefix("Person ")
    removed = await natter(database_url, "member", "remove", "--project", "firth-park", sue)
    assert removed.code == 0, removed.err
    typed = joined(await harness.send(SUE, "The heating comes on at 9 now."))
    assert "heating go on" not in typed and "for the team" in typed  # no preview of her words
    assert await harness.count(Response) == 0
