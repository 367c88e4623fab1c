"""/did end to end over real HTTP: `natter run` as a subprocess against the fake Bot API (which
checks every call against Telegram's published API). A staff member notes what the team heard
and did, with a name typed in; the pair is in /digest and /report with the name kept out, it
never waits in /replies, and nobody is sent it."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from storage.db import Database
from storage.models import Comment, GroupSession, Outbox, Response
from tests.care.test_long_messages import bot
from tests.fake_telegram import FakeTelegram, SentMessage
from tests.runtime.test_end_to_end import join_over_http
from tests.support.processes import BotProcess
from tests.support.seed import seed_project

__all__ = ["bot"]
SAM = 939393


async def said(fake: FakeTelegram, text: str) -> SentMessage:
    fake.user_sends_text(SAM, text)
    return await fake.next_message(SAM)


async def pressed(fake: FakeTelegram, message: SentMessage, label: str) -> SentMessage:
    fake.user_presses(SAM, message.message_id, dict(message.buttons())[label])
    return await fake.next_message(SAM)


async def until(fake: FakeTelegram, words: str) -> str:
    """The messages to Sam up to the first holding `words`, as people see them."""
    seen: list[str] = []
    while not any(words in text for text in seen):
        seen.append((await fake.next_message(SAM)).plain_text or "")
    return "\n".join(seen)


async def test_did_over_http(fake: FakeTelegram, bot: BotProcess, db: Database) -> None:
    seeded = await seed_project(db, now=datetime.now(UTC))
    await join_over_http(fake, SAM, seeded.staff_code)
    where = await said(fake, "/did")
    assert "Where was it, or who was it with?" in (where.text or "")
    assert [label for label, _ in where.buttons()] == ["Cancel"]
    assert "What did people say?" in (
        (await said(fake, "with Mrs Patel at the coffee morning")).text or ""
    )
    outcome = await said(fake, "Doreen Smith said the urn takes ages to boil")
    assert [label for label, _ in outcome.buttons()] == [
        "We've changed this", "We're looking into it", "We can't change this", "Cancel"
    ]  # fmt: skip
    asked = await pressed(fake, outcome, "We've changed this")
    assert "What did the team change?" in (asked.text or "")
    read_back = await said(fake, "We told Doreen and bought a second urn.")
    shown = read_back.plain_text or ""
    assert "You said: “[name] said the urn takes ages to boil”" in shown
    assert "(heard by the team: with [name] at the coffee morning)" in shown
    assert "Doreen" not in shown and "Patel" not in shown
    assert [label for label, _ in read_back.buttons()] == ["Save", "Change", "Cancel"]
    assert "Saved, thank you" in ((await pressed(fake, read_back, "Save")).text or "")

    fake.user_sends_text(SAM, "/digest")
    digest = await until(fake, "Check them with one tap each")  # the last of /digest
    pair = (
        "• You said: “[name] said the urn takes ages to boil” (heard by the team: with [name] "
        "at the coffee morning).\n   We changed this: “We told [name] and bought a second urn.”"
    )
    assert pair in digest and "Doreen" not in digest
    assert "no suggestions waiting" in ((await said(fake, "/replies")).text or "")

    ask = await said(fake, "/report")
    await pressed(fake, ask, "Pick dates")
    fake.user_sends_text(SAM, "yesterday to today")
    report = await until(fake, "You said, we did")
    assert "You said: “[name] said the urn takes ages to boil” (heard by the team:" in report
    assert "Doreen" not in report

    async with db.transaction() as session:
        (group,) = (await session.scalars(select(GroupSession))).all()
        (comment,) = (await session.scalars(select(Comment))).all()
        (response,) = (await session.scalars(select(Response))).all()
        replies = (await session.scalars(select(Outbox).where(Outbox.kind == "reply"))).all()
    assert group.by_team and comment.response_id == response.id and not replies
    assert fake.violations == []
