"""`natter member remove`: staff taken off a project without erasing them, and what was queued
for them from it not sent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import update

from bot.checkins import plan_checkins
from bot.digests import plan_due
from storage.models import Comment, Membership, Outbox, OutboxStatus, Person, Project, Role
from tests.support.cli import natter
from tests.support.harness import Harness, joined
from tests.support.seed import seed_project
from tests.support.team import add_comment, add_member

MONDAY_NINE = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # the week's digests are due
SUE, TOM, ANN, PAM = 8100, 8200, 8300, 8400  # Sue: staff of both; Tom: staff; Pam: programme


@dataclass(frozen=True)
class Teams:
    park: int
    walk: int
    sue: int


@pytest.fixture
async def teams(harness: Harness) -> Teams:
    month_ago = MONDAY_NINE - timedelta(days=30)
    park = (await seed_project(harness.db, now=month_ago)).project_id
    walk = (await seed_project(harness.db, slug="walk", name="Monday Walkers")).project_id
    async with harness.db.transaction() as session:
        await session.execute(update(Project).values(created_at=month_ago))
    sue = await add_member(harness.db, SUE, park, Role.STAFF, month_ago, "S2")
    async with harness.db.transaction() as session:
        session.add(
            Membership(person_id=sue, project_id=walk, role=Role.STAFF, joined_at=month_ago)
        )
    await add_member(harness.db, TOM, park, Role.STAFF, month_ago, "T3")
    await add_member(harness.db, PAM, None, Role.PROGRAMME, month_ago, "P4")
    ann = await add_member(harness.db, ANN, park, Role.PARTICIPANT, month_ago, "K7")
    walker = await add_member(harness.db, ANN + 1, walk, Role.PARTICIPANT, month_ago, "W5")
    await add_comment(harness.db, ann, park, "Warmer hall please", MONDAY_NINE - timedelta(days=3))
    await add_comment(harness.db, walker, walk, "Lovely route", MONDAY_NINE - timedelta(days=2))
    # Queued for Sue, Tom and Pam: this week's digests, then an alert about Ann's words.
    harness.clock.moment = MONDAY_NINE
    assert await plan_due(harness.db, harness.app.bot_data.deps, MONDAY_NINE)
    assert "116 123" in joined(await harness.send(ANN, "I cant cope anymore"))
    return Teams(park, walk, sue)


async def queued(harness: Harness, chat: int, prefix: str) -> set[OutboxStatus]:
    rows = await harness.rows(Outbox, Outbox.chat_id == chat, Outbox.key.startswith(prefix))
    assert rows, prefix
    return {row.status for row in rows}


async def test_staff_taken_off_a_project_get_nothing_more_from_it(
    harness: Harness, database_url: str, teams: Teams
) -> None:
    result = await natter(database_url, "member", "remove", "--project", "firth-park", "S2")
    assert result.code == 0, result.err
    # The park's digest (its words, its chart of comments each week, its spreadsheet) and the alert.
    said = "Took Person S2 off firth-park (staff); 4 message(s) queued for them from it"
    assert result.out.splitlines() == [f"{said} will not be sent."]
    # Off the park's team, still on the walk's, and not erased.
    left = await harness.rows(Membership, Membership.person_id == teams.sue)
    assert [(m.project_id, m.role) for m in left] == [(teams.walk, Role.STAFF)]
    assert await harness.count(Person, Person.telegram_id == SUE) == 1
    skipped = {OutboxStatus.SKIPPED}
    assert await queued(harness, SUE, f"digest:project:{teams.park}:") == skipped
    assert await queued(harness, SUE, "alert:") == skipped
    assert await queued(harness, SUE, f"digest:project:{teams.walk}:") == {OutboxStatus.PENDING}
    assert await queued(harness, TOM, "alert:") == {OutboxStatus.PENDING}
    assert await queued(harness, TOM, f"digest:project:{teams.park}:") == {OutboxStatus.PENDING}
    # The park's flagged messages are no longer hers to see.
    assert "cope" not in joined(await harness.send(SUE, "/flagged"))
    assert await harness.count(Comment) == 3


async def test_not_a_member_is_refused_kindly(
    harness: Harness, database_url: str, teams: Teams
) -> None:
    ann = await natter(database_url, "member", "remove", "--project", "walk", "Person K7")
    assert ann.code == 1 and "Traceback" not in ann.err
    assert ann.err == "natter: Person K7 is not a member of walk, so nothing changed.\n"
    by_id = await natter(
        database_url, "member", "remove", "--project", "walk", "--role", "volunteer", str(SUE)
    )
    assert by_id.code == 1
    assert "Person S2 is not volunteer on walk (they are staff), so nothing changed." in by_id.err
    nobody = await natter(database_url, "member", "remove", "--project", "walk", "Z9")
    assert nobody.code == 1 and "there is no person 'Z9'" in nobody.err
    nowhere = await natter(database_url, "member", "remove", "--project", "park", "S2")
    assert nowhere.code == 1 and "there is no project 'park'" in nowhere.err
    assert await harness.count(Membership) == 6  # nothing changed


async def test_by_telegram_id_and_off_the_programme_team(
    harness: Harness, database_url: str, teams: Teams
) -> None:
    walk = await natter(
        database_url, "member", "remove", "--project", "walk", "--role", "staff", str(SUE)
    )
    assert walk.code == 0, walk.err
    assert walk.out.startswith("Took Person S2 off walk (staff); ")
    assert await queued(harness, SUE, f"digest:project:{teams.walk}:") == {OutboxStatus.SKIPPED}
    pam = await natter(database_url, "member", "remove", "--programme", "P4")
    assert pam.code == 0, pam.err
    assert pam.out.startswith("Took Person P4 off the programme team (programme)")
    assert await queued(harness, PAM, "digest:programme:") == {OutboxStatus.SKIPPED}
    assert await harness.count(Person, Person.telegram_id == PAM) == 1


async def test_a_member_taken_off_gets_no_check_in_from_there(
    harness: Harness, database_url: str, teams: Teams
) -> None:
    ten = MONDAY_NINE + timedelta(hours=1)
    harness.clock.moment = ten
    assert await plan_checkins(harness.db, harness.app.bot_data.deps, ten) == 2  # Ann, the walker
    ann = await natter(database_url, "member", "remove", "--project", "firth-park", "k7")
    assert ann.code == 0, ann.err
    said = "Took Person K7 off firth-park (participant); 1 message(s) queued for them from it"
    assert ann.out.splitlines() == [f"{said} will not be sent."]
    assert await queued(harness, ANN, "checkin:") == {OutboxStatus.SKIPPED}
    assert await queued(harness, ANN + 1, "checkin:") == {OutboxStatus.PENDING}
