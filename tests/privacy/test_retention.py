"""Retention: old words, idle chats and finished messages go; the digest ledger holds counts."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Integer, String, func, select

from bot.cli import care as cli_care
from bot.core import reply_to_json
from bot.core.deps import Deps
from bot.privacy import retention
from bot.runtime.root import Texts, compose
from bot.runtime.settings import Settings
from storage.db import Database
from storage.models import (
    Base,
    Comment,
    DeadLetter,
    Dialogue,
    Digest,
    EarlySign,
    GroupSession,
    Outbox,
    OutboxStatus,
    Person,
    WebSignIn,
)
from storage.types import UTCDateTime
from tests.support.cli import natter
from tests.support.harness import FakeClock
from tests.support.keys import PSEUDONYM_KEY
from tests.support.outbox import html
from tests.support.seed import seed_project

NOW = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)
EVERY_TABLE = (
    "people", "comments", "group_sessions", "dialogues", "early_signs", "outbox", "dead_letters",
    "web_sign_ins",
)  # fmt: skip


async def seed(db: Database, now: datetime = NOW) -> dict[str, int]:
    """Something on each side of each line; returns what a sweep at `now` should delete."""
    project_id = (await seed_project(db)).project_id

    def ago(days: float) -> datetime:
        return now - timedelta(days=days)

    async with db.transaction() as s:
        people = [
            Person(telegram_id=9100 + n, pseudonym=f"P{n}", language="en",
                   consent_version="2026-11", consented_at=ago(900), created_at=ago(900))
            for n in range(3)
        ]  # fmt: skip
        s.add_all(people)
        await s.flush()
        old_group, mixed_group, empty_old, empty_new = (
            GroupSession(project_id=project_id, volunteer_id=people[0].id, place=place,
                         held_on=ago(days).date(), headcount=5, opened_at=ago(days))
            for place, days in (("Old", 800), ("Mixed", 800), ("Empty", 750), ("New", 3))
        )  # fmt: skip
        s.add_all([old_group, mixed_group, empty_old, empty_new])
        await s.flush()
        comments = [
            (people[1].id, None, 731, "old words", None),
            (people[1].id, None, 729, "recent words", None),
            (people[2].id, None, 1000, None, "voice-old"),
            (None, old_group.id, 800, "old group note", None),
            (None, mixed_group.id, 800, "old note in a mixed group", None),
            (None, mixed_group.id, 10, "new note in a mixed group", None),
        ]
        for n, (person_id, group_id, days, text, voice) in enumerate(comments):
            s.add(Comment(project_id=project_id, person_id=person_id, group_session_id=group_id,
                          text=text, voice_file_id=voice, voice_seconds=5 if voice else None,
                          transcript="old words said aloud" if voice else None,
                          chat_id=9000, message_id=n, created_at=ago(days)))  # fmt: skip
        s.add(Dialogue(person_id=people[0].id, state={"step": "note"}, updated_at=ago(31)))
        for days in (800, 3):  # "worth a call": an old one goes, a recent one stays
            s.add(EarlySign(person_id=people[0].id, project_id=project_id, reason="words",
                            noted_at=ago(days)))  # fmt: skip
        s.add(Dialogue(person_id=people[1].id, state={"step": "questions"}, updated_at=ago(29)))
        outbox = [
            (OutboxStatus.SENT, 31),
            (OutboxStatus.FAILED, 40),
            (OutboxStatus.SKIPPED, 60),
            (OutboxStatus.UNREACHABLE, 45),
            (OutboxStatus.SENT, 5),  # kept: too recent
            (OutboxStatus.PENDING, 90),  # kept: still to send
            (OutboxStatus.SENDING, 90),  # kept: in flight
        ]
        for n, (status, days) in enumerate(outbox):
            s.add(Outbox(key=f"k{n}", kind="reply", person_id=people[0].id, chat_id=9100,
                         message=reply_to_json(html("hello")), language="en",
                         status=status, next_attempt_at=ago(days),
                         created_at=ago(days)))  # fmt: skip
        dead_letters = [(31, 40), (45, 29), (3, 2)]  # (first failed, last failed): days ago
        for n, (first, last) in enumerate(dead_letters):
            s.add(DeadLetter(update_id=700 + n, error="ValueError", chat_id=9100, attempts=5,
                             first_failed_at=ago(first), last_failed_at=ago(last),
                             parked_at=ago(last)))  # fmt: skip
        # Web page sessions: one past its hours (signed out or not, it goes), one still open.
        for nonce, ends in (("over", ago(0.01)), ("open", now + timedelta(hours=1))):
            began = ends - timedelta(hours=8)
            s.add(WebSignIn(nonce=nonce, person_id=people[0].id, signed_in_at=began,
                            expires_at=ends))  # fmt: skip
    return {
        "people": 0, "comments": 4, "group_sessions": 2, "dialogues": 1, "outbox": 4,
        "dead_letters": 1, "early_signs": 1, "web_sign_ins": 1,
    }  # fmt: skip


async def table_counts(db: Database) -> dict[str, int]:
    async with db.transaction() as session:
        return {
            t.name: int(await session.scalar(select(func.count()).select_from(t)) or 0)
            for t in Base.metadata.sorted_tables
        }


def deps(texts: Texts, now: datetime = NOW) -> Deps:
    key = PSEUDONYM_KEY.encode()
    return Deps(FakeClock(now), texts.prompts, ZoneInfo("Europe/London"), texts.words, key)


async def test_a_dry_run_counts_and_a_sweep_deletes_exactly_that(
    db: Database, texts: Texts
) -> None:
    expected = await seed(db)
    before = await table_counts(db)
    dry = await retention.run(db, deps(texts), 730, dry_run=True)
    assert dry == expected
    assert await table_counts(db) == before  # a dry run changes nothing

    assert await retention.run(db, deps(texts), 730) == expected
    after = await table_counts(db)
    assert {t: before[t] - after[t] for t in before if before[t] != after[t]} == {
        t: n for t, n in expected.items() if n
    }
    async with db.transaction() as s:
        said = set(await s.scalars(select(Comment.text)))
        places = set(await s.scalars(select(GroupSession.place)))
        voices = set(await s.scalars(select(Comment.voice_file_id)))
        voices |= set(await s.scalars(select(Comment.transcript)))  # a voice note's words too
        left = {(o.status, o.key) for o in await s.scalars(select(Outbox))}
        failed = set(await s.scalars(select(DeadLetter.update_id)))
        sessions = set(await s.scalars(select(WebSignIn.nonce)))
    assert said == {"recent words", "new note in a mixed group"}
    assert places == {"Mixed", "New"} and voices == {None}
    assert failed == {701, 702}  # dead letters go 30 days after their last failure
    assert sessions == {"open"}  # a web session goes once its hours are over
    assert {status for status, _ in left} == {
        OutboxStatus.SENT,
        OutboxStatus.PENDING,
        OutboxStatus.SENDING,
    }
    # Nothing is left to do: the next day's sweep finds nothing.
    assert await retention.run(db, deps(texts), 730) == dict.fromkeys(EVERY_TABLE, 0)


async def test_retention_days_sets_the_line(db: Database, texts: Texts) -> None:
    await seed(db)
    found = await retention.run(db, deps(texts), 30, dry_run=True)
    # At 30 days: every comment but one; a session goes unless it has a note 30 days old or newer.
    assert found["comments"] == 5 and found["group_sessions"] == 2
    later = await retention.run(db, deps(texts, NOW + timedelta(days=800)), 730, dry_run=True)
    assert later["comments"] == 6 and later["group_sessions"] == 4


async def test_people_with_no_consent_on_record_are_forgotten(db: Database, texts: Texts) -> None:
    """The schema makes this impossible today (a guard): a row with empty consent still goes."""
    await seed(db)
    async with db.transaction() as s:
        stray = Person(telegram_id=9999, pseudonym="Z2", language="en", consent_version="",
                       consented_at=NOW, created_at=NOW)  # fmt: skip
        s.add(stray)
        await s.flush()
        s.add(Comment(person_id=stray.id, text="x", chat_id=9999, message_id=1, created_at=NOW))
    dry = await retention.run(db, deps(texts), 730, dry_run=True)
    assert dry["people"] == 1 and dry["comments"] == 4  # the count of people only, on a dry run
    done = await retention.run(db, deps(texts), 730)
    assert done["people"] == 1 and done["comments"] == 5
    async with db.transaction() as s:
        assert await s.scalar(select(Person).where(Person.pseudonym == "Z2")) is None
        assert await s.scalar(select(func.count()).select_from(Person)) == 3


def test_the_digest_ledger_holds_counts_not_words() -> None:
    """So retention has nothing to delete there; a column that could hold words fails this."""
    columns: dict[str, Any] = {c.name: c.type for c in Digest.__table__.columns}
    words = {n for n, t in columns.items() if not isinstance(t, Integer | UTCDateTime)}
    assert words == {"scope"}
    scope = columns["scope"]
    assert isinstance(scope, String) and scope.length == 40  # "project:<id>" or "programme"
    assert not any(c.name.endswith(("text", "_by")) for c in Digest.__table__.columns)


def care_args(*argv: str) -> argparse.Namespace:
    top = argparse.ArgumentParser(prog="natter")
    cli_care.add_parsers(top.add_subparsers(dest="command", required=True))
    return top.parse_args(argv)


async def test_natter_retention_prints_what_would_go_then_what_went(
    db: Database, settings: Settings, texts: Texts, capsys: pytest.CaptureFixture[str]
) -> None:
    services = compose(settings, texts, db=db)
    now = datetime.now(UTC)  # the command runs on the real clock
    await seed(db, now)
    before = await table_counts(db)
    assert await cli_care.run(care_args("retention", "--dry-run"), services) == 0
    dry = capsys.readouterr().out
    assert "Keeping 730 days (RETENTION_DAYS)" in dry
    assert (now - timedelta(days=730)).strftime("before %-d %b %Y") in dry
    assert (
        "Would delete (dry run, nothing changed): people 0, comments 4, group_sessions 2, "
        "dialogues 1, early_signs 1, outbox 4, dead_letters 1, web_sign_ins 1." in dry
    )
    assert await table_counts(db) == before
    assert await cli_care.run(care_args("retention"), services) == 0
    done = capsys.readouterr().out
    assert (
        "Deleted: people 0, comments 4, group_sessions 2, dialogues 1, early_signs 1, outbox 4, "
        "dead_letters 1, web_sign_ins 1." in done
    )
    assert (await table_counts(db))["comments"] == before["comments"] - 4


async def test_natter_retention_as_a_command(
    db: Database, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    await seed(db, datetime.now(UTC))
    before = await table_counts(db)
    monkeypatch.setenv("RETENTION_DAYS", "30")
    dry = await natter(database_url, "retention", "--dry-run")
    assert dry.code == 0, dry.err
    assert "Keeping 30 days" in dry.out and "comments 5, group_sessions 2," in dry.out
    assert await table_counts(db) == before
    monkeypatch.setenv("RETENTION_DAYS", "soon")
    bad = await natter(database_url, "retention")
    assert bad.code == 2 and "RETENTION_DAYS 'soon'" in bad.err and "Traceback" not in bad.err
    assert await table_counts(db) == before
