"""`natter status`: the outbox, the scheduler and the last digest of each project, read from
the database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.cli import deadletters as cli_deadletters
from bot.cli.main import parser, writes
from bot.cli.status import status
from bot.core import Reply
from bot.core.outgoing import reply_to_json
from bot.runtime.root import Texts, compose
from bot.runtime.settings import Settings
from storage.db import Database
from storage.models import OutboxStatus
from storage.repositories import dead_letters, digests, outbox
from tests.support.cli import natter
from tests.support.seed import seed_project

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


async def test_status_counts_the_outbox_and_names_each_projects_last_digest(
    db: Database, database_url: str
) -> None:
    await seed_project(db, slug="walkers", name="Walkers")  # added first, listed second
    first = await seed_project(db, slug="cafe", name="Cafe")
    async with db.transaction() as session:
        for n in range(4):
            await outbox.enqueue(
                session,
                key=f"k{n}",
                kind="reply",
                chat_id=1,
                person_id=None,
                now=NOW,
                message=reply_to_json(Reply.of("general.error")),
                language="en",
            )
        for status in (OutboxStatus.FAILED, OutboxStatus.SENT, OutboxStatus.SENDING):
            claimed = await outbox.claim_next(session, NOW, timedelta(minutes=5))
            assert claimed is not None
            if status is not OutboxStatus.SENDING:
                await outbox.finish(session, claimed.id, status, NOW)
        await digests.claim_period(
            session, scope=f"project:{first.project_id}", project_id=first.project_id,
            start=datetime(2026, 11, 9, tzinfo=UTC), end=datetime(2026, 11, 16, tzinfo=UTC),
            now=NOW,
        )  # fmt: skip
    result = await natter(database_url, "status")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[1].startswith(f"Database: {db.backend} (")
    assert "Outbox: 1 waiting, 1 being sent, 1 failed" in lines
    # By slug, then the programme's.
    assert lines[-3:] == ["  cafe: 2026-11-16", "  walkers: none yet", "  programme: none yet"]


async def test_status_counts_dead_letters_and_deadletters_lists_and_clears_them(
    db: Database, settings: Settings, texts: Texts, capsys: pytest.CaptureFixture[str]
) -> None:
    services = compose(settings, texts, db=db)
    async with db.transaction() as session:
        for update_id, chat, error, days_ago in [
            (501, 77, "ValueError", 2),
            (502, None, "sqlalchemy.exc.IntegrityError", 1),
            (503, 78, "KeyError", 0),  # still being sent again: not parked
        ]:
            at = NOW - timedelta(days=days_ago)
            for _ in range(5 if days_ago else 2):
                await dead_letters.count_failure(session, update_id, error, chat, at)
            if days_ago:
                await dead_letters.park(session, update_id, error, at)
    assert (
        "Dead letters: 2 (oldest 2026-11-18 09:00 UTC); "
        "1 more failed at least once and were tried again"
    ) in (await status(services)).splitlines()

    async def deadletters(*argv: str) -> str:
        args = parser().parse_args(["deadletters", *argv])
        assert writes(args) == bool(argv)  # listing only reads: it never migrates
        assert await cli_deadletters.run(args, services) == 0
        return capsys.readouterr().out

    head, *rows = (await deadletters()).splitlines()
    assert " ".join(head.split()) == "UPDATE CHAT TRIES FIRST (UTC) LAST (UTC) STATE ERROR"
    assert [r.split()[0] for r in rows] == ["501", "502", "503"]  # parked first, oldest first
    assert rows[0].split()[:3] == ["501", "77", "5"]
    assert rows[0].split()[-2:] == ["parked", "ValueError"]
    assert "2026-11-18 09:00  2026-11-18 09:00" in rows[0]
    assert rows[2].split()[-2:] == ["retry", "KeyError"]
    assert await deadletters("--clear", "501") == "Cleared 1 dead letter(s).\n"
    assert await deadletters("--clear") == "Cleared 1 dead letter(s).\n"  # 503 is not parked
    async with db.transaction() as session:
        assert [d.update_id for d in await dead_letters.listing(session)] == [503]
    assert "Dead letters: none; 1 more failed" in await status(services)
