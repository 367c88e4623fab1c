"""The weekly digest's charts reach staff as photos over the fake Bot API (real HTTP, multipart
uploads checked as Telegram checks them), each with its text alternative as the caption."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from PIL import Image
from sqlalchemy import update
from telegram import Bot

from bot.delivery import Pacer, deliver_due
from bot.digests import build_programme, plan_due
from bot.digests.planning import build_due
from handlers.outbound import TelegramOutbox
from storage.models import Outbox, OutboxStatus, Project, Role, WeeklyTally
from storage.repositories.digests import all_projects
from tests.fake_telegram import FakeTelegram
from tests.support.comments import LAST_DAY, QUARTER, at, seed_comments
from tests.support.harness import Harness
from tests.support.outbox import told
from tests.support.seed import seed_project
from tests.support.team import add_member

MONDAY_NINE = at(LAST_DAY + timedelta(days=1), 9)  # 09:00 in London in winter
STAFF, PROGRAMME = 900, 901


@pytest.fixture
async def bot(fake: FakeTelegram) -> AsyncIterator[Bot]:
    async with Bot("123456:TEST", base_url=fake.base_url, base_file_url=fake.base_file_url) as b:
        yield b


@pytest.fixture
async def project(harness: Harness, fake: FakeTelegram) -> int:
    seeded = await seed_project(harness.db)
    async with harness.db.transaction() as session:
        await session.execute(update(Project).values(created_at=MONDAY_NINE - timedelta(days=90)))
    for chat in (STAFF, PROGRAMME):
        fake.user_sends_text(chat, "/start")  # Telegram lets a bot write only to who wrote
    await add_member(harness.db, STAFF, seeded.project_id, Role.STAFF, MONDAY_NINE, "S1")
    await add_member(harness.db, PROGRAMME, None, Role.PROGRAMME, MONDAY_NINE, "P1")
    ann = await add_member(harness.db, 902, seeded.project_id, Role.PARTICIPANT, MONDAY_NINE, "K7")
    await seed_comments(harness.db, seeded.project_id, ann, QUARTER)
    return seeded.project_id


async def test_staff_get_the_charts_as_photos_with_their_figures(
    harness: Harness, fake: FakeTelegram, bot: Bot, project: int
) -> None:
    harness.clock.moment = MONDAY_NINE
    await plan_due(harness.db, harness.app.bot_data.deps, MONDAY_NINE)
    for _ in range(10):
        await deliver_due(harness.db, TelegramOutbox(bot, harness.prompts), harness.clock, Pacer())
        if not await harness.rows(Outbox, Outbox.status != OutboxStatus.SENT):
            break
        harness.clock.moment += timedelta(seconds=2)
    assert not await harness.rows(Outbox, Outbox.status != OutboxStatus.SENT)
    assert fake.violations == []

    to_staff = fake.messages_to(STAFF)
    photos = [m for m in fake.sent if m.method == "sendPhoto" and m.chat_id == STAFF]
    assert len(photos) == 3
    captions = [m.plain_text or "" for m in photos]
    assert captions[0].startswith("Comments each week, for the 12 weeks to 22 Nov 2026.")
    assert "In all: 6." in captions[0]
    assert "Activities 2 (2 happy, 0 unhappy)" in captions[1]
    assert "Suggestions made: 4. Answered so far: 2. Led to a change: 1." in captions[2]
    for photo in photos:
        assert photo.document_bytes is not None
        with Image.open(io.BytesIO(photo.document_bytes)) as image:
            assert image.format == "PNG" and image.size == (1200, 675)
    # The words first, then the charts, then the spreadsheet.
    methods = [m.method for m in to_staff]
    assert methods[0] == "sendMessage" and methods[-1] == "sendDocument"
    assert methods[-4:-1] == ["sendPhoto"] * 3
    # The programme team's digest hides small numbers, so it has no charts.
    assert not [m for m in fake.sent if m.method == "sendPhoto" and m.chat_id == PROGRAMME]


async def test_a_chart_row_reads_back_as_a_picture(harness: Harness, project: int) -> None:
    await plan_due(harness.db, harness.app.bot_data.deps, MONDAY_NINE)
    rows = await harness.rows(Outbox, Outbox.key.contains(":chart:"))
    assert sorted(r.key.rsplit(":", 1)[1] for r in rows) == ["replies", "themes", "weekly"]
    assert all(r.chat_id == STAFF and told(r).texts == [] for r in rows)


async def test_planning_a_digest_tallies_its_week_once(harness: Harness, project: int) -> None:
    # The week's counts are kept with the ledger claim, for the next eleven weeks' charts.
    await plan_due(harness.db, harness.app.bot_data.deps, MONDAY_NINE)
    await plan_due(harness.db, harness.app.bot_data.deps, MONDAY_NINE + timedelta(hours=1))
    (tally,) = await harness.rows(WeeklyTally)
    assert (tally.project_id, tally.first_day) == (project, LAST_DAY - timedelta(days=6))
    assert (tally.comments, tally.people, tally.raised) == (3, 1, 2)
    assert tally.themes == {"welcome": [1, 0], "transport": [0, 1], "activities": [1, 0]}
    # Everything said before this first tally, so the all-time figures need not count it again.
    assert tally.raised_before == 3


async def test_the_weekly_build_writes_the_programme_digest_as_a_lone_build_does(
    harness: Harness, project: int
) -> None:
    # The weekly build keeps only a glance and the phrases of each week: the same words.
    deps = harness.app.bot_data.deps
    built = await build_due(harness.db, deps, MONDAY_NINE)
    (due, programme) = next((d, b) for d, b in built if d.project is None)
    async with harness.db.reading() as session:
        projects = list(await all_projects(session))
        alone = await build_programme(session, deps, projects, due.period)
    assert programme.parts == alone.parts and programme.comments == alone.comments == 3
    assert programme.people == alone.people == 1
