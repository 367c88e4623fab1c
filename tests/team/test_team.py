"""Staff and programme team commands, with roles checked on every command and button."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import update

from bot.joining import invites
from storage.models import Invite, Project, Role
from tests.support.harness import Harness, fresh_invite, join, joined, texts
from tests.support.seed import Seeded, seed_project

STAFF, ANN, PROGRAMME, OTHER_STAFF = 100, 200, 300, 400


@pytest.fixture
async def seeded(harness: Harness) -> Seeded:
    seeded = await seed_project(harness.db)
    other = await seed_project(harness.db, slug="walk", name="Monday Walkers")
    await join(harness, STAFF, seeded.staff_code)
    await join(harness, OTHER_STAFF, other.staff_code)
    await join(harness, ANN, seeded.participant_code)
    await harness.send(ANN, "The quiz was brilliant & fun")
    return seeded


async def test_staff_welcome_asks_no_questions(harness: Harness) -> None:
    seeded = await seed_project(harness.db)
    welcome = await join(harness, STAFF, seeded.staff_code)
    assert "team for Firth Park Coffee Morning" in joined(welcome)
    assert "enjoy" not in joined(welcome)


async def test_digest_previews_this_week_for_staff(harness: Harness, seeded: Seeded) -> None:
    calls = await harness.send(STAFF, "/digest")
    text = joined(calls)
    assert "this week so far" in text
    assert "Firth Park Coffee Morning" in text
    assert "The quiz was brilliant &amp; fun" in text
    assert "Monday Walkers" not in text  # not their project


async def test_digest_preview_sends_the_charts_as_photos(harness: Harness, seeded: Seeded) -> None:
    """As the weekly digest does: each chart after the words, its text alternative the caption;
    and the programme team, whose digest hides small numbers, get none."""
    calls = await harness.send(STAFF, "/digest")
    methods = [c.method for c in calls]
    photos = [c for c in calls if c.method == "sendPhoto"]
    assert [c.text.split(",")[0].split(":")[0] for c in photos] == [
        "Comments each week",
        "What people talked about",
    ]
    assert "In all: 1." in photos[0].text  # Ann's one comment
    assert methods.index("sendPhoto") > methods.index("sendMessage")  # after the words
    assert methods[-1] == "sendMessage" and "Check" in joined(calls[-1:])  # then the offer
    programme = await join(harness, PROGRAMME, await fresh_invite(harness, Role.PROGRAMME, None))
    assert "programme team" in joined(programme)
    assert "sendPhoto" not in [c.method for c in await harness.send(PROGRAMME, "/digest")]


async def test_other_projects_staff_cannot_see_it(harness: Harness, seeded: Seeded) -> None:
    text = joined(await harness.send(OTHER_STAFF, "/digest"))
    assert "Monday Walkers" in text and "quiz" not in text


async def test_participants_are_told_it_is_for_the_team(harness: Harness, seeded: Seeded) -> None:
    for command in ("/digest", "/export"):
        assert "for the team" in joined(await harness.send(ANN, command))
    forged = await harness.press(ANN, "export:this_week")
    assert "for the team" in joined(forged)
    assert not [c for c in forged if c.method == "sendDocument"]


async def test_programme_team_sees_every_project(harness: Harness, seeded: Seeded) -> None:
    async with harness.db.transaction() as session:
        programme = await invites.create(
            session, role=Role.PROGRAMME, project_id=None, uses=None, expires_days=None,
            now=harness.clock.now(),
        )  # fmt: skip
    welcome = await join(harness, PROGRAMME, programme.code)
    assert "programme team" in joined(welcome)
    text = joined(await harness.send(PROGRAMME, "/digest"))
    assert "Firth Park Coffee Morning" in text and "Monday Walkers" in text
    assert "All projects" in text


async def test_export_sends_a_csv_for_the_chosen_dates(harness: Harness, seeded: Seeded) -> None:
    ask = await harness.send(STAFF, "/export")
    labels = [label for label, _ in ask[-1].buttons]
    assert labels == ["This week", "Last week", "The last 4 weeks", "This quarter"]
    calls = await harness.press_button(STAFF, ask, "This week")
    (doc,) = [c for c in calls if c.method == "sendDocument"]
    body = doc.params["document"]["content"].decode()
    assert "The quiz was brilliant & fun" in body
    assert doc.params["document"]["filename"].startswith("comments-firth-park-")
    last_week = await harness.press(STAFF, "export:last_week")
    assert "Nobody left a comment" in joined(last_week)


async def test_export_weeks_are_the_projects_weeks(harness: Harness, seeded: Seeded) -> None:
    """In Auckland the new week has begun while it is still Sunday in London."""
    async with harness.db.transaction() as session:
        await session.execute(
            update(Project)
            .where(Project.id == seeded.project_id)
            .values(timezone="Pacific/Auckland")
        )
    harness.clock.moment = datetime(2026, 11, 8, 12, 0, tzinfo=UTC)  # Mon 9 Nov, 01:00 there
    assert "Nobody left a comment" in joined(await harness.press(STAFF, "export:this_week"))
    # Ann's comment came on Monday 2 November at 23:00 there: last week.
    calls = await harness.press(STAFF, "export:last_week")
    (doc,) = [c for c in calls if c.method == "sendDocument"]
    assert doc.params["document"]["filename"] == "comments-firth-park-2026-11-02-to-2026-11-08.csv"
    assert "The quiz was brilliant & fun" in doc.params["document"]["content"].decode()


async def test_forged_export_ranges_are_stale(harness: Harness, seeded: Seeded) -> None:
    calls = await harness.press(STAFF, "export:forever")
    assert texts(calls) == []
    assert "earlier" in calls[0].params["text"]


async def test_invite_sends_a_link_and_a_qr_code(harness: Harness, seeded: Seeded) -> None:
    ask = await harness.send(STAFF, "/invite")
    assert [label for label, _ in ask[-1].buttons] == [
        "A link for members",
        "A link for a volunteer",
    ]
    calls = await harness.press_button(STAFF, ask, "A link for members")
    (photo,) = [c for c in calls if c.method == "sendPhoto"]
    assert photo.params["photo"]["content"].startswith(b"\x89PNG")
    caption = photo.params["caption"]
    assert (
        "Firth Park Coffee Morning" in caption and "https://t.me/natter_test_bot?start=" in caption
    )
    code = caption.rsplit("start=", 1)[1]
    (invite,) = await harness.rows(Invite, Invite.code == code)
    assert invite.role is Role.PARTICIPANT and invite.project_id == seeded.project_id
    # A participant, or another project's staff, cannot make links for this project.
    assert "for the team" in joined(await harness.send(ANN, "/invite"))
    forged = await harness.press(OTHER_STAFF, f"inv:volunteer:{seeded.project_id}")
    volunteer_links = Invite.role == Role.VOLUNTEER, Invite.project_id == seeded.project_id
    assert texts(forged) == [] and await harness.count(Invite, *volunteer_links) == 1
