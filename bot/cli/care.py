"""`natter person forget|retention`: looking after people's data from the command line."""

from __future__ import annotations

import argparse
import re
from datetime import timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot import guide, privacy
from bot.cli.admin import in_transaction
from bot.cli.menus import change_menu
from bot.cli.operator import OperatorError
from bot.core import Deps, pseudonyms
from bot.runtime import Services
from storage.purge import Purge
from storage.repositories import people as people_repo

COMMANDS = ("person", "retention")
_PERSON_PREFIX = re.compile(r"^\s*person\s+", re.IGNORECASE)


def add_parsers(sub: Any) -> None:
    person = sub.add_parser("person", help="one person's data (by their made-up name)")
    forget = person.add_subparsers(dest="action", required=True).add_parser(
        "forget", help="delete a person and every row that names them, as /forget does"
    )
    forget.add_argument("pseudonym", help='their made-up name: K7 or "Person K7"')
    sweep = sub.add_parser(
        "retention", help="delete what is past its time now (a daily job does this too)"
    )
    sweep.add_argument("--dry-run", action="store_true", help="only show what would be deleted")


async def run(args: argparse.Namespace, services: Services) -> int:
    db, deps, days = services.db, services.deps, services.settings.retention_days
    db.last_purge = None
    if args.command == "person":
        said, chat_id = await in_transaction(db, lambda s: forget(s, deps, args.pseudonym))
        print(said)
        await change_menu(services.settings, deps.prompts, chat_id, guide.DEFAULT)
    else:
        counts = await privacy.run_retention(db, deps, days, dry_run=args.dry_run)
        print(retention_report(deps, days, counts, dry_run=args.dry_run))
    if db.last_purge is not None and not db.last_purge.done:
        print(purge_report(db.backend, db.last_purge))
    return 0


def purge_report(backend: str, purge: Purge) -> str:
    """What an erasure left in the files, and what to do about it."""
    if backend == "sqlite":
        return (
            "The rows are deleted, but SQLite's write-ahead log still holds a copy (another "
            "connection was busy): run `natter retention` again in a minute, or stop the bot."
        )
    if purge.skipped:
        return (
            f"VACUUM was skipped for {', '.join(purge.skipped)} (this database role may not "
            "vacuum them): old copies stay in the table files until autovacuum reaches them, "
            "or run VACUUM on them as their owner."
        )
    return "VACUUM failed after the erasure: run VACUUM on the tables as their owner."


def normalise(name: str) -> str:
    """K7, "Person K7" and "person k7" all mean K7."""
    return _PERSON_PREFIX.sub("", name).strip().upper()


async def forget(session: AsyncSession, deps: Deps, name: str) -> tuple[str, int]:
    """What was forgotten, and their chat (whose own command menu goes too)."""
    pseudonym = normalise(name)
    person = await people_repo.person_by_pseudonym(session, pseudonym) if pseudonym else None
    retired = pseudonyms.retired_mark(deps.pseudonym_key, pseudonym)
    if person is None and pseudonym and await people_repo.pseudonym_retired(session, retired):
        # After restoring a backup, a list of names to forget again tells which still are.
        raise OperatorError(f"Person {pseudonym} was forgotten already: nothing of theirs is held.")
    if person is None:
        raise OperatorError(
            f"there is no person {name.strip()!r}: give the made-up name staff see, "
            "such as K7 or 'Person K7' (they may already be forgotten)."
        )
    chat_id = person.telegram_id
    erasure = await privacy.erase(session, deps, person)
    said = "\n".join(
        [
            f"Forgot Person {pseudonym}.",
            f"Deleted: {_counts(erasure.deleted)}.",
            f"Kept, no longer linked to them: {_counts(erasure.unlinked)}.",
            "Kept, their Telegram id, made-up name or words taken out: "
            f"{_counts(erasure.anonymised)}.",
        ]
    )
    return said, chat_id


def retention_report(deps: Deps, days: int, counts: dict[str, int], *, dry_run: bool) -> str:
    cutoff = (deps.now() - timedelta(days=days)).astimezone(deps.timezone)
    head = "Would delete (dry run, nothing changed)" if dry_run else "Deleted"
    return "\n".join(
        [
            f"Keeping {days} days (RETENTION_DAYS): what people said before "
            f"{cutoff:%-d %b %Y} goes; idle conversations and sent messages go after "
            f"{privacy.DIALOGUE_IDLE_DAYS} days.",
            f"{head}: {_counts(counts, every=True)}.",
        ]
    )


def _counts(counts: dict[str, int], *, every: bool = False) -> str:
    shown = [f"{table} {n}" for table, n in counts.items() if n or every]
    return ", ".join(shown) or "nothing"
