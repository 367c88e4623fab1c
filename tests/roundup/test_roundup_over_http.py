"""The round-up end to end over real HTTP: `natter run` as a subprocess plans it from its job
queue and sends it to the fake Bot API server; a restart sends nothing more."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select, update

from storage.db import Database
from storage.models import Comment, Outcome, Person, Project, Response, Roundup
from tests.fake_telegram import FakeTelegram, SentMessage
from tests.support.harness import Harness
from tests.support.processes import BotProcess
from tests.support.seed import seed_project

ANN, BEN, VAL = 737373, 747474, 757575


@pytest.fixture
async def bot(
    fake: FakeTelegram, db: Database, database_url: str, tmp_path: Path
) -> AsyncIterator[BotProcess]:
    process = BotProcess(fake, database_url, tmp_path)
    await process.start()
    yield process
    code = await process.stop()
    assert code == 0, process.log.read_text()
    assert "Traceback" not in process.log.read_text()
    assert fake.violations == [], fake.violations


async def join(fake: FakeTelegram, user: int, code: str) -> SentMessage:
    fake.user_sends_text(user, f"/start {code}")
    consent = await fake.next_message(user)
    fake.user_presses(user, consent.message_id, consent.buttons()[0][1])
    return await fake.next_message(user)


async def test_the_round_up_reaches_members_over_http(
    fake: FakeTelegram, bot: BotProcess, db: Database, harness: Harness
) -> None:
    seeded = await seed_project(db, now=datetime.now(UTC))
    for user in (ANN, BEN):
        await join(fake, user, seeded.participant_code)
    await join(fake, VAL, seeded.volunteer_code)
    fake.user_sends_text(ANN, "The hall is cold in the mornings")
    await fake.next_message(ANN)
    fake.user_sends_text(BEN, "/stop")
    await fake.next_message(BEN)  # /stop stops at once (only plain words are asked again)
    before = {user: len(fake.messages_to(user)) for user in (ANN, BEN, VAL)}

    # Staff answered it two days ago; today is the project's round-up day, all day long.
    await bot.stop()
    now = datetime.now(UTC)
    async with db.transaction() as session:
        (comment,) = (await session.scalars(select(Comment))).all()
        replied = now - timedelta(days=2)
        response = Response(
            project_id=seeded.project_id, outcome=Outcome.CHANGED, created_at=replied,
            text="The heating now comes on earlier.", updated_at=replied,
        )  # fmt: skip
        session.add(response)
        await session.flush()
        comment.response_id = response.id
        await session.execute(
            update(Project).values(
                created_at=now - timedelta(days=40), checkin_from="00:00", checkin_until="23:59",
                checkin_sundays=True,
                roundup_day=min(now.astimezone(ZoneInfo("Europe/London")).day, 28),
            )
        )  # fmt: skip
    await bot.start()

    ann = (await fake.next_message(ANN)).text or ""
    assert "You said: “The hall is cold in the mornings”\nThe heating now comes on earlier." in ann
    assert ann.endswith("Keep it coming!")
    val = await fake.next_message(VAL)
    assert (val.text or "").startswith("To read out to your group:")
    card = await fake.next_message(VAL)
    assert card.method == "sendPhoto" and "ready to print" in (card.text or "")

    # Restarting plans nothing new; Ben, who sent /stop, heard nothing.
    await bot.stop()
    await bot.start()
    await asyncio.sleep(3)
    assert len(fake.messages_to(ANN)) == before[ANN] + 1
    assert len(fake.messages_to(VAL)) == before[VAL] + 2
    assert len(fake.messages_to(BEN)) == before[BEN]
    assert await harness.count(Roundup) == 1
    (ben,) = await harness.rows(Person, Person.telegram_id == BEN)
    assert ben.paused
