"""Retention (DESIGN section 6): what Natter holds is deleted once it is old enough.

`sweep` runs once a day from the job queue and on demand as `natter retention [--dry-run]`. It
knows nothing about Telegram, so both callers share it.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import Deps
from bot.privacy import controls as privacy
from storage.db import Database
from storage.repositories import retention as retention_repo

log = logging.getLogger(__name__)

# A conversation nobody has touched for this long is dropped (they start afresh next time).
DIALOGUE_IDLE_DAYS = 30
# Messages already sent (or given up on) are kept this long, for `natter outbox`, then deleted.
OUTBOX_KEEP_DAYS = 30
# Updates given up on (ids and an error's class, no words) are kept this long, for an operator.
DEAD_LETTER_KEEP_DAYS = 30
TABLES = (
    "people", "comments", "group_sessions", "dialogues", "early_signs", "outbox", "dead_letters",
    "web_sign_ins",
)  # fmt: skip


async def sweep(
    session: AsyncSession, deps: Deps, retention_days: int, *, dry_run: bool = False
) -> dict[str, int]:
    """Delete (or, on a dry run, only count) what is past its time; rows per table.

    - comments older than `retention_days` (their words and voice file ids go with them);
    - group sessions older than that with no comments left;
    - dialogue state idle for DIALOGUE_IDLE_DAYS;
    - "worth a call" entries older than `retention_days`;
    - finished outbox rows older than OUTBOX_KEEP_DAYS (they hold the message's text);
    - dead letters whose last failure is older than DEAD_LETTER_KEEP_DAYS;
    - web page sessions past their hours (signed out or not);
    - people with no consent on record.
    The digest ledger holds counts only, never words, so it is kept (a test checks its columns).
    Once the sweep commits, the unit of work cleans what went out of the files too (a SQLite
    checkpoint every time, so one an earlier erasure could not finish is done now; VACUUM on
    PostgreSQL of the tables it deleted from): see storage.purge.
    """
    now = deps.now()
    counts = dict.fromkeys(TABLES, 0)
    # A person row is written only when they tap Yes, and the schema requires consent_version
    # and consented_at, so this finds nobody today: it is a guard in case that ever changes.
    for person in await retention_repo.never_consented(session):
        if dry_run:
            counts["people"] += 1
        else:
            erased = await privacy.erase(session, deps, person)
            for table, n in erased.deleted.items():
                counts[table] = counts.get(table, 0) + n
    rules = retention_repo.rules(
        said_before=now - timedelta(days=retention_days),
        idle_before=now - timedelta(days=DIALOGUE_IDLE_DAYS),
        sent_before=now - timedelta(days=OUTBOX_KEEP_DAYS),
        failed_before=now - timedelta(days=DEAD_LETTER_KEEP_DAYS),
        now=now,
    )
    for rule in rules:
        work = retention_repo.count if dry_run else retention_repo.apply
        counts[rule.table] += await work(session, rule)
    log.info("Retention sweep%s: %s", " (dry run)" if dry_run else "", counts)
    return counts


async def run(
    db: Database, deps: Deps, retention_days: int, *, dry_run: bool = False
) -> dict[str, int]:
    """One sweep in its own transaction (what the daily job and the CLI call)."""
    async with db.transaction() as session:
        return await sweep(session, deps, retention_days, dry_run=dry_run)
