"""`natter roundup preview|run-due`: the monthly round-up from the command line."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot import roundup
from bot.cli.admin import in_transaction
from bot.cli.digests import deliver_everything
from bot.cli.operator import OperatorError
from bot.core import Deps
from bot.runtime import Services
from storage.repositories import projects

COMMANDS = ("roundup",)


def add_parsers(sub: Any) -> None:
    command = sub.add_parser("roundup", help="the monthly round-up for members: preview or send")
    actions = command.add_subparsers(dest="action", required=True)
    preview = actions.add_parser("preview", help="print this month's round-up for a project")
    preview.add_argument("--project", required=True, help="the project's slug")
    preview.add_argument("--card", type=Path, help="also write the volunteers' card (PNG) here")
    actions.add_parser("run-due", help="plan and send whatever round-up is due now, then exit")


async def run(args: argparse.Namespace, services: Services) -> int:
    db, deps = services.db, services.deps
    if args.action == "preview":
        print(await in_transaction(db, lambda s: _preview(s, deps, args)))
        return 0
    planned = await roundup.plan_due(db, deps, deps.now())
    print(f"Planned round-ups: {', '.join(planned) or 'nothing new'}.")
    await deliver_everything(db, deps, services.settings)
    return 0


async def _preview(session: AsyncSession, deps: Deps, args: argparse.Namespace) -> str:
    project = await projects.project_by_slug(session, args.project)
    if project is None:
        raise OperatorError(f"there is no project {args.project!r}: see `natter projects`.")
    month = roundup.current_month(deps, project, deps.now())
    # The month so far: what the next round-up would say if it went out now.
    so_far = roundup.Month(month.label, month.end, deps.now())
    found = await roundup.read(session, deps, project, so_far)
    if found is None:
        return deps.prompts.plain("roundup.nothing")
    if args.card:
        args.card.write_bytes(roundup.card_png(deps, found))
    return "\n\n".join(found.plain(deps.prompts, "en"))
