"""`natter report`: the numbers a funder asks for, for one project or the whole programme."""

from __future__ import annotations

import argparse
import asyncio
import sys
from datetime import date
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot import reports
from bot.cli.operator import OperatorError
from bot.core import Deps
from bot.runtime import Services
from storage.repositories import digests as digest_repo
from storage.repositories import projects

COMMANDS = ("report",)


def add_parsers(sub: Any) -> None:
    command = sub.add_parser("report", help="the numbers a funder asks for, over some dates")
    scope = command.add_mutually_exclusive_group(required=True)
    scope.add_argument("--project", help="the project's slug (exact numbers)")
    scope.add_argument(
        "--programme", action="store_true", help="every project (counts under 5 not shown)"
    )
    command.add_argument("--from", dest="first", required=True, help="YYYY-MM-DD")
    command.add_argument("--to", dest="last", required=True, help="YYYY-MM-DD (included)")
    command.add_argument(
        "--format", choices=("md", "csv", "pdf"), default="md",
        help="pdf: the printable learning report (A4, with charts and quotes)",
    )  # fmt: skip
    command.add_argument(
        "--out", type=Path,
        help="write here instead of to the screen (a PDF goes to a file named after the report)",
    )  # fmt: skip


async def run(args: argparse.Namespace, services: Services) -> int:
    # Check the dates before reading anything, so a typo costs nothing.
    first, last = _date(args.first, "--from"), _date(args.last, "--to")
    if last < first:
        raise OperatorError("--to is before --from: give the first day, then the last.")
    deps = services.deps
    if args.format == "pdf":
        return await _pdf(args, services, first, last)
    async with services.db.transaction() as session:
        ids, title, tz = await _scope(session, deps, args)
        numbers = await reports.gather(session, ids, *reports.utc_range(first, last, tz))
    render = reports.render_csv if args.format == "csv" else reports.render_markdown
    content = render(deps.prompts, numbers, title, first, last, small_numbers=args.programme)
    if args.out:
        args.out.write_text(content, encoding="utf-8")
        print(f"Written to {args.out}.")
    else:
        sys.stdout.write(content)
    return 0


async def _pdf(args: argparse.Namespace, services: Services, first: date, last: date) -> int:
    deps = services.deps
    async with services.db.reading() as session:
        ids, title, tz = await _scope(session, deps, args)
        made = deps.now().astimezone(tz).date()
        report = await reports.gather_learning(
            session, ids, title, (first, last), tz, made, small_numbers=args.programme
        )
    # Drawing and laying out pages is CPU work: a worker thread, as for the digests.
    content = await asyncio.to_thread(reports.render_pdf, deps.prompts, report)
    scope = "programme" if args.programme else args.project
    name = deps.prompts.plain("report.pdf.file", scope=scope, first=first, last=last)
    out: Path = args.out or Path(name)
    await asyncio.to_thread(out.write_bytes, content)
    print(f"Written to {out}.")
    return 0


async def _scope(
    session: AsyncSession, deps: Deps, args: argparse.Namespace
) -> tuple[list[int], str, ZoneInfo]:
    """The projects to count, the report's title, and the time zone its days are in."""
    if args.programme:
        everyone = [p.id for p in await digest_repo.all_projects(session)]
        return everyone, deps.prompts.plain("report.programme"), deps.timezone
    project = await projects.project_by_slug(session, args.project)
    if project is None:
        raise OperatorError(f"there is no project {args.project!r}: see `natter projects`.")
    return [project.id], project.name, deps.project_timezone(project)


def _date(text: str, flag: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise OperatorError(f"{flag} {text!r} is not a date: write it like 2026-11-16.") from None
