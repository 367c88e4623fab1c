"""The `natter` command (also `python -m bot`)."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from bot import operator
from bot.clock import SystemClock
from bot.config import ConfigError, Settings, load_settings
from bot.operator import OperatorError, ProjectDetails
from prompts import PromptError, Prompts, load_prompts
from storage.db import Database
from storage.migrate import upgrade
from storage.models import Role

T = TypeVar("T")
EXIT_BAD_INPUT = 1
EXIT_CONFIG = 2


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="natter", description="Natter: feedback from older people, in their own words."
    )
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    sub.add_parser("run", help="run the bot (long polling); upgrades the database first")

    db = sub.add_parser("db", help="database schema").add_subparsers(
        dest="db_command", required=True
    )
    db.add_parser("upgrade", help="bring the schema up to date, and nothing else")

    partner = sub.add_parser("partner", help="partner organisations").add_subparsers(
        dest="partner_command", required=True
    )
    p_add = partner.add_parser("add", help="add a partner")
    p_add.add_argument("--slug", required=True)
    p_add.add_argument("--name", required=True)
    p_add.add_argument("--contact", help="how people can reach the partner (shown in urgent help)")

    project = sub.add_parser("project", help="projects").add_subparsers(
        dest="project_command", required=True
    )
    j_add = project.add_parser("add", help="add a project")
    j_add.add_argument("--partner", required=True, help="the partner's slug")
    j_add.add_argument("--slug", required=True)
    j_add.add_argument("--name", required=True)
    j_add.add_argument("--about", help="one or two plain sentences about the project")
    j_add.add_argument("--open-to-change", help="what people can help change")
    j_add.add_argument("--fixed", help="what stays the same")
    j_add.add_argument(
        "--questions", default="default", help="question set (a file in prompts/questions)"
    )

    invite = sub.add_parser("invite", help="make an invite link (or `invite revoke CODE`)")
    scope = invite.add_mutually_exclusive_group()
    scope.add_argument("--project", help="the project's slug")
    scope.add_argument("--programme", action="store_true", help="an invite to the programme team")
    invite.add_argument("--role", choices=[r.value for r in Role if r is not Role.PROGRAMME])
    invite.add_argument(
        "--uses",
        type=int,
        help="how many people can use it (default: participant no limit, others 1)",
    )
    invite.add_argument(
        "--expires-days",
        type=int,
        help="days until it stops working (default: participant never, others 7)",
    )
    invite.add_argument(
        "--qr", type=Path, metavar="FILE.png", help="also write a QR code of the link"
    )
    invite.add_argument("--bot-username", help="the bot's username (otherwise asked of Telegram)")
    invite_sub = invite.add_subparsers(dest="invite_command", metavar="revoke")
    revoke = invite_sub.add_parser("revoke", help="stop an invite link working")
    revoke.add_argument("code")

    sub.add_parser("projects", help="list partners, projects and member counts")
    sub.add_parser("check-prompts", help="check every prompt file for plain words")
    return top


def main(argv: Sequence[str] | None = None) -> int:
    # Opt in to python-telegram-bot's timedelta durations now, rather than on its next major.
    os.environ.setdefault("PTB_TIMEDELTA", "1")
    args = parser().parse_args(argv)
    try:
        if args.command == "check-prompts":
            return _check_prompts()
        settings = load_settings()
        prompts = load_prompts()
        if args.command == "run":
            from bot.run import run_polling

            run_polling(settings, prompts)
            return 0
        return asyncio.run(_admin(args, settings, prompts))
    except (ConfigError, PromptError) as err:
        print(f"natter: {err}", file=sys.stderr)
        return EXIT_CONFIG
    except OperatorError as err:
        print(f"natter: {err}", file=sys.stderr)
        return EXIT_BAD_INPUT


async def _admin(args: argparse.Namespace, settings: Settings, prompts: Prompts) -> int:
    db = Database(settings.database_url)
    try:
        await upgrade(db)
        if args.command == "db":
            print("The database is up to date.")
        elif args.command == "partner":
            print(
                await _in_transaction(
                    db, lambda s: operator.add_partner(s, args.slug, args.name, args.contact)
                )
            )
        elif args.command == "project":
            details = ProjectDetails(
                args.partner,
                args.slug,
                args.name,
                args.about,
                args.open_to_change,
                args.fixed,
                args.questions,
            )
            print(await _in_transaction(db, lambda s: operator.add_project(s, prompts, details)))
        elif args.command == "projects":
            print(await _in_transaction(db, operator.project_table))
        elif args.command == "invite":
            await _invite(args, settings, db)
        return 0
    finally:
        await db.dispose()


async def _in_transaction(db: Database, work: Callable[[AsyncSession], Awaitable[T]]) -> T:
    async with db.transaction() as session:
        return await work(session)


async def _invite(args: argparse.Namespace, settings: Settings, db: Database) -> None:
    from bot import invites
    from bot.run import bot_username

    clock = SystemClock()
    if args.invite_command == "revoke":
        print(await _in_transaction(db, lambda s: operator.revoke_invite(s, clock, args.code)))
        return
    if args.project and not args.role:
        raise OperatorError("say which role the invite gives (--role participant|volunteer|staff).")
    if args.programme == bool(args.role):
        raise OperatorError("give either --project SLUG --role ROLE, or --programme.")
    role = Role.PROGRAMME if args.programme else Role(args.role)
    # Ask Telegram first, so a failure leaves no unused invite behind.
    username = args.bot_username or await bot_username(settings)
    invite = await _in_transaction(
        db,
        lambda s: operator.create_invite(
            s,
            clock,
            role=role,
            project_slug=args.project,
            uses=args.uses,
            expires_days=args.expires_days,
        ),
    )
    url = invites.link(username, invite.code)
    if args.qr:
        import segno

        segno.make(url, error="m").save(str(args.qr), scale=10, border=4)
        print(f"QR code written to {args.qr}")
    limits = "no limit" if invite.uses_left is None else f"{invite.uses_left} use(s)"
    expiry = f"until {invite.expires_at:%Y-%m-%d %H:%M} UTC" if invite.expires_at else "no expiry"
    print(f"Invite for {role.value} ({limits}, {expiry}):")
    print(url)


def _check_prompts() -> int:
    from prompts.lint import check_prompts

    problems = check_prompts(load_prompts().all_texts())
    for problem in problems:
        print(problem)
    if problems:
        return EXIT_BAD_INPUT
    print("All prompts are in plain words.")
    return 0
