"""`natter digest|export|outbox`: digests and spreadsheets from the command line."""

from __future__ import annotations

import argparse
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot import delivery, digests, mail, team
from bot.cli.admin import in_transaction
from bot.cli.operator import OperatorError
from bot.core import Deps, Period, RhythmError, iso_week, week_so_far
from bot.delivery import Pacer
from bot.digests import comments_csv
from bot.runtime import Services, Settings
from handlers.outbound import TelegramOutbox
from storage.db import Database
from storage.models import OutboxStatus, Project
from storage.repositories import digests as digest_repo
from storage.repositories import outbox, projects

COMMANDS = ("digest", "export", "outbox")
# `run-due` keeps sending until nothing is due, but never longer than this.
RUN_DUE_LIMIT_SECONDS = 600


def add_parsers(sub: Any) -> None:
    digest = sub.add_parser("digest", help="preview digests, or plan and send what is due")
    actions = digest.add_subparsers(dest="action", required=True)
    preview = actions.add_parser("preview", help="print a digest (this week so far by default)")
    scope = preview.add_mutually_exclusive_group(required=True)
    scope.add_argument("--project", help="the project's slug")
    scope.add_argument("--programme", action="store_true")
    preview.add_argument("--week", help="an ISO week such as 2026-W47")
    preview.add_argument(
        "--charts", type=Path, help="a project's: also write its charts here as PNG files"
    )
    actions.add_parser("run-due", help="plan and send whatever is due now, then exit")

    export = sub.add_parser("export", help="a project's comments as CSV")
    export.add_argument("--project", required=True)
    export.add_argument("--from", dest="first", required=True, help="YYYY-MM-DD")
    export.add_argument("--to", dest="last", required=True, help="YYYY-MM-DD (included)")
    export.add_argument("--out", type=Path, help="write here instead of to the screen")

    sub.add_parser("outbox", help="messages waiting to be sent, and ones that failed")


async def run(args: argparse.Namespace, services: Services) -> int:
    db, deps = services.db, services.deps
    if args.command == "digest" and args.action == "preview":
        print(await in_transaction(db, lambda s: _preview(s, deps, args)))
    elif args.command == "digest":
        await _run_due(db, deps, services.settings)
    elif args.command == "export":
        await _export(db, deps, args)
    else:
        print(await in_transaction(db, _outbox))
    return 0


async def _project(session: AsyncSession, slug: str) -> Project:
    project = await projects.project_by_slug(session, slug)
    if project is None:
        raise OperatorError(f"there is no project {slug!r}: see `natter projects`.")
    return project


def _period(
    args: argparse.Namespace, deps: Deps, weekday: int, at: str, project: Project | None
) -> Period:
    tz = deps.project_timezone(project) if project else deps.timezone
    if not args.week:
        return week_so_far(deps.now(), weekday, tz)
    try:
        return iso_week(args.week, at, tz)
    except RhythmError as err:
        raise OperatorError(f"--week {err}") from None


async def _preview(session: AsyncSession, deps: Deps, args: argparse.Namespace) -> str:
    if args.programme:
        if args.charts:  # the programme digest hides small numbers, and a bar cannot
            raise OperatorError("--charts is for a project's digest: the programme's has none.")
        period = _period(args, deps, digests.PROGRAMME_WEEKDAY, digests.PROGRAMME_TIME, None)
        everyone = list(await digest_repo.all_projects(session))
        built = await digests.build_programme(session, deps, everyone, period)
    else:
        project = await _project(session, args.project)
        period = _period(args, deps, project.digest_weekday, project.digest_time, project)
        drawn = args.charts is not None
        built = await digests.build_project(session, deps, project, period, drawn=drawn)
    parts = list(built.parts)
    if args.charts is not None and built.charts:
        args.charts.mkdir(parents=True, exist_ok=True)
        for chart in built.charts:  # each picture, and the words said in its place
            path = args.charts / f"{chart.name}.png"
            path.write_bytes(chart.png)
            parts.append(f"{path}: {deps.prompts.plain(chart.alt.key, **chart.alt.params)}")
    return "\n\n----\n\n".join(parts)


async def _run_due(db: Database, deps: Deps, settings: Settings) -> None:
    planned = await digests.plan_due(db, deps, deps.now())
    print(f"Planned: {', '.join(planned) or 'nothing new'}.")
    await deliver_everything(db, deps, settings)


async def deliver_everything(db: Database, deps: Deps, settings: Settings) -> None:
    """Send the outbox until nothing is due (or RUN_DUE_LIMIT_SECONDS), then say how many."""
    from bot.cli.bot_api import make_bot

    sent = 0
    pacer = Pacer()
    async with make_bot(settings) as bot:
        for _ in range(RUN_DUE_LIMIT_SECONDS):
            email = mail.MailOutbox(settings.mail, deps.prompts) if settings.mail else None
            transport = delivery.ByChannel(TelegramOutbox(bot, deps.prompts), email)
            sent += await delivery.deliver_due(db, transport, deps.clock, pacer)
            async with db.transaction() as session:
                if not await outbox.any_due(session, deps.now()):
                    break
    print(f"Sent {sent} message(s). See `natter outbox` for anything still waiting.")


def _date(text: str, flag: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise OperatorError(f"{flag} {text!r} is not a date: write it like 2026-11-16.") from None


async def _export(db: Database, deps: Deps, args: argparse.Namespace) -> None:
    first, last = _date(args.first, "--from"), _date(args.last, "--to")
    if last < first:
        raise OperatorError("--to is before --from.")
    async with db.transaction() as session:
        project = await _project(session, args.project)
        content = await team.project_csv(session, deps, project, first, last + timedelta(days=1))
        if content is None:
            print("No comments in those dates.", file=sys.stderr)
            content = comments_csv([], deps.project_timezone(project), deps.prompts)
    if args.out:
        args.out.write_text(content, encoding="utf-8")
        print(f"Written to {args.out}.")
    else:
        sys.stdout.write(content)


async def _outbox(session: AsyncSession) -> str:
    rows = await outbox.listing(
        session, [OutboxStatus.PENDING, OutboxStatus.SENDING, OutboxStatus.FAILED]
    )
    if not rows:
        return "The outbox is empty: everything has been sent."
    lines = ["ID      STATUS   KIND     BY        TRIES  NEXT TRY (UTC)    ERROR"]
    for row in rows:
        error = (row.last_error or "")[:60]
        lines.append(
            f"{row.id:<7} {row.status.value:<8} {row.kind:<8} {row.channel.value:<9} "
            f"{row.attempts:<6} "
            f"{row.next_attempt_at:%Y-%m-%d %H:%M}  {error}"
        )
    return "\n".join(lines)
