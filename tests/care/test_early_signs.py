"""Early signs, gently: "Not great" at a check-in, words such as "haven't been well", or a regular
gone quiet for 4 weeks put the person on the "worth a call" list in /flagged (no alert), counted
in the digest."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot import digests
from bot.care.early_signs import regular_then_quiet
from bot.core.weeks import week_so_far
from bot.runtime import jobs
from storage.models import EarlySign, Outbox, Project, Role
from tests.care.test_care import ANN, STAFF, helped, seeded
from tests.checkins.test_checkins import DUE, button, checkins_sent, member, plan, project
from tests.support.harness import Harness, joined
from tests.support.seed import Seeded
from tests.support.team import add_comment, add_member

__all__ = ["seeded"]
NOT_WELL = "Sorry I couldn't get there last week, I haven't been well"


async def test_words_of_an_early_sign_put_them_on_the_list(
    harness: Harness, seeded: Seeded
) -> None:
    reply = joined(await harness.send(ANN, NOT_WELL))
    assert not helped(reply) and "passed that on" in reply  # not a crisis
    assert [r for r in await harness.rows(Outbox) if r.kind == "alert"] == []
    (sign,) = await harness.rows(EarlySign)
    assert sign.reason == "words" and sign.called_at is None
    await harness.send(ANN, "I still haven't been well")  # on the list already: once
    assert len(await harness.rows(EarlySign)) == 1

    listing = await harness.send(STAFF, "/flagged")
    text = joined(listing)
    assert "Worth a friendly call</b> (1)" in text and "mentioned not being well" in text
    assert "Ann" not in text.replace("Anything", "")  # the made-up name, never the Telegram one

    (found,) = await harness.rows(Project, Project.id == seeded.project_id)
    deps = harness.app.bot_data.deps
    period = week_so_far(harness.clock.now(), 0, deps.timezone)
    async with harness.db.transaction() as session:
        built = await digests.build_project(session, deps, found, period)
    assert "1 person may be worth a friendly call" in "\n".join(built.parts)

    done = await harness.press_button(STAFF, listing, "Called 1")
    assert "taken them off the list" in joined(done)
    assert (await harness.rows(EarlySign))[0].called_at is not None
    assert "no messages that need a look" in joined(await harness.send(STAFF, "/flagged"))


async def test_not_great_at_a_check_in(harness: Harness) -> None:  # its own project, no seed
    pid = await project(harness)
    await member(harness, pid, telegram_id=ANN)
    await plan(harness, DUE.replace(hour=10))
    (row,) = await checkins_sent(harness)
    await harness.press(ANN, button(row, "Good"))
    assert await harness.rows(EarlySign) == []  # a good week is not a sign
    await plan(harness, DUE.replace(hour=10) + timedelta(days=15))
    (latest, *_) = sorted(await checkins_sent(harness), key=lambda r: -r.id)
    await harness.press(ANN, button(latest, "Not great"))
    (sign,) = await harness.rows(EarlySign)
    assert sign.reason == "not_great" and sign.project_id == pid


def test_a_regular_is_three_weeks_in_a_row_then_four_quiet() -> None:
    now = datetime.fromisoformat("2026-12-01T10:00:00+00:00")
    weeks_ago = [now - timedelta(weeks=n, days=1) for n in (4, 5, 6)]
    assert regular_then_quiet(weeks_ago, now)
    assert not regular_then_quiet([now - timedelta(weeks=n, days=1) for n in (4, 6, 8)], now)
    assert not regular_then_quiet([now - timedelta(weeks=n, days=1) for n in (2, 3, 4)], now)


async def test_a_regular_gone_quiet_is_put_on_the_list_once(
    harness: Harness, seeded: Seeded
) -> None:
    now = harness.clock.now()
    regular = await add_member(harness.db, 6901, seeded.project_id, Role.PARTICIPANT, now, "QZ91")
    once = await add_member(harness.db, 6902, seeded.project_id, Role.PARTICIPANT, now, "QZ92")
    for n in (5, 6, 7):
        await add_comment(
            harness.db, regular, seeded.project_id, "Lovely", now - timedelta(weeks=n)
        )
    await add_comment(harness.db, once, seeded.project_id, "Nice", now - timedelta(weeks=6))
    await jobs.early_signs_now(harness.app.bot_data)
    (sign,) = await harness.rows(EarlySign)
    assert sign.reason == "quiet" and sign.person_id == regular
    assert "came most weeks, then went quiet" in joined(await harness.send(STAFF, "/flagged"))
    await harness.press_button(STAFF, await harness.send(STAFF, "/flagged"), "Called 1")
    harness.clock.advance(days=1)
    await jobs.early_signs_now(harness.app.bot_data)
    assert len(await harness.rows(EarlySign)) == 1  # this quiet spell is done with
