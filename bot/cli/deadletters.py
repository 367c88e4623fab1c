"""`natter deadletters [--clear [UPDATE_ID ...]]`: updates given up on after failing again and
again (bot.core.failures), listed by id and error class, never by what was said."""

from __future__ import annotations

import argparse
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.cli.admin import in_transaction
from bot.runtime import Services
from storage.models import DeadLetter
from storage.repositories import dead_letters

COMMANDS = ("deadletters",)


def add_parsers(sub: Any) -> None:
    command = sub.add_parser(
        "deadletters", help="updates given up on after failing again and again (or --clear)"
    )
    command.add_argument("--clear", action="store_true", help="delete the parked ones listed")
    command.add_argument(
        "update_ids", nargs="*", type=int, metavar="UPDATE_ID", help="only these (with --clear)"
    )


async def run(args: argparse.Namespace, services: Services) -> int:
    if args.clear:
        cleared = await in_transaction(
            services.db, lambda s: dead_letters.clear(s, args.update_ids)
        )
        print(f"Cleared {cleared} dead letter(s).")
    else:
        print(await in_transaction(services.db, listing))
    return 0


async def listing(session: AsyncSession) -> str:
    rows = await dead_letters.listing(session)
    if not rows:
        return "No dead letters: every update was handled."
    lines = ["UPDATE       CHAT           TRIES  FIRST (UTC)       LAST (UTC)        STATE  ERROR"]
    lines += [_line(row) for row in rows]
    return "\n".join(lines)


def _line(row: DeadLetter) -> str:
    chat = "" if row.chat_id is None else str(row.chat_id)
    state = "parked" if row.parked_at is not None else "retry"
    return (
        f"{row.update_id:<12} {chat:<14} {row.attempts:<6} {row.first_failed_at:%Y-%m-%d %H:%M}  "
        f"{row.last_failed_at:%Y-%m-%d %H:%M}  {state:<6} {row.error}"
    )
