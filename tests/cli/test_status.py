"""`natter status`: the outbox, the scheduler and the last digest of each project, read from
the database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.core import Reply
from bot.core.outgoing import reply_to_json
from storage.db import Database
from storage.models import OutboxStatus
from storage.repositories import digests, outbox
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
