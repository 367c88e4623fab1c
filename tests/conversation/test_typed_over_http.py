"""Typing as well as tapping, and a volunteer's note details, over real HTTP against the fake
Bot API (which checks every call, edits included, against Telegram's published API)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from storage.db import Database
from storage.models import Agreement, Comment, GroupSession, Kind
from tests.care.test_long_messages import bot
from tests.fake_telegram import FakeTelegram
from tests.runtime.test_end_to_end import join_over_http
from tests.support.processes import BotProcess
from tests.support.seed import seed_project

__all__ = ["bot"]


async def said(fake: FakeTelegram, user: int, text: str) -> str:
    fake.user_sends_text(user, text)
    return (await fake.next_message(user)).text or ""


async def test_typed_taps_and_note_details_over_http(
    fake: FakeTelegram, bot: BotProcess, db: Database
) -> None:
    seeded = await seed_project(db, now=datetime.now(UTC))
    ann, vic = 919191, 929292
    first = await join_over_http(fake, ann, seeded.participant_code)
    assert "What did you enjoy" in (first.text or "")
    assert "anything you'd change" in await said(fake, ann, "Skip please")
    assert "I'm Natter" in await said(fake, ann, "What does this do?")
    assert "no more questions for now" in await said(fake, ann, "stop the questions")

    await join_over_http(fake, vic, seeded.volunteer_code)
    assert "Where are you" in await said(fake, vic, "/note")
    fake.user_sends_text(vic, "Firth Park library")
    when = await fake.next_message(vic)
    fake.user_presses(vic, when.message_id, dict(when.buttons())["Today"])
    assert "how many people" in ((await fake.next_message(vic)).text or "")
    assert "each thing people said" in await said(fake, vic, "about a dozen")
    fake.user_sends_text(vic, "The urn takes ages to boil")
    note = await fake.next_message(vic)
    assert [label for label, _ in note.buttons()] == [
        "Add details", "Pass on what one person said", "Undo last", "Done"
    ]  # fmt: skip
    fake.user_presses(vic, note.message_id, dict(note.buttons())["Add details"])
    details = await fake.next_message(vic)
    fake.user_presses(vic, details.message_id, dict(details.buttons())["Could be better"])
    await fake.wait_until(lambda: "Tagged: could be better." in (details.plain_text or ""))
    fake.user_presses(vic, details.message_id, dict(details.buttons())["Most of the room"])
    shown = "Tagged: could be better, most of the room."
    await fake.wait_until(lambda: shown in (details.plain_text or ""))
    assert "I've noted 1 thing from Firth Park library" in await said(fake, vic, "that's all")

    async with db.transaction() as session:
        group = (await session.scalars(select(GroupSession))).one()
        notes = (
            await session.scalars(select(Comment).where(Comment.group_session_id == group.id))
        ).all()
    assert group.headcount == 12 and group.closed_at is not None
    assert [(n.kind, n.agreement) for n in notes] == [(Kind.CHANGE, Agreement.MOST)]
    assert fake.violations == []
