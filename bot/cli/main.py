"""The `natter` command (also `python -m bot`): argument parsing and error handling."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from telegram.error import InvalidToken, TelegramError

from bot.cli import admin as cli_admin
from bot.cli import care as cli_care
from bot.cli import deadletters as cli_deadletters
from bot.cli import digests as cli_digest
from bot.cli import members as cli_members
from bot.cli import reports as cli_report
from bot.cli import roundup as cli_roundup
from bot.cli.operator import OperatorError
from bot.runtime import (
    ConfigError,
    SchedulerMode,
    SchemaBehind,
    Settings,
    configure_logs,
    describe,
    load_settings,
    load_texts,
    open_services,
)
from prompts import PromptError
from storage.models import Role

EXIT_BAD_INPUT = 1
EXIT_CONFIG = 2


def _project_fields(command: argparse.ArgumentParser, *, required: bool) -> None:
    command.add_argument("--slug", required=True)
    command.add_argument("--name", required=required)
    command.add_argument("--about", help="one or two plain sentences about the project")
    command.add_argument("--open-to-change", help="what people can help change")
    command.add_argument("--fixed", help="what stays the same")
    command.add_argument("--questions", help="question set (a file in prompts/questions)")
    command.add_argument("--digest", help='when the weekly digest goes out, e.g. "mon 09:00"')


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="natter", description="Natter: feedback from older people, in their own words."
    )
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    run = sub.add_parser("run", help="run the bot; upgrades the database first")
    run.add_argument("--webhook", action="store_true", help="serve a webhook instead of polling")
    run.add_argument("--workers", type=int, default=1, help="webhook worker processes")
    run.add_argument("--host", default="127.0.0.1", help="webhook address to listen on")
    run.add_argument("--port", type=int, default=8080, help="webhook port")
    run.add_argument(
        "--scheduler", choices=[m.value for m in SchedulerMode], default="auto",
        help="which process runs digests and the outbox (auto: one, by a PostgreSQL lock)",
    )  # fmt: skip
    web = sub.add_parser("web", help="serve the staff web page alone (at WEB_URL)")
    web.add_argument("--host", default="127.0.0.1", help="address to listen on")
    web.add_argument("--port", type=int, help="port (default WEB_PORT, else 8090)")
    sub.add_parser(
        "status", help="version, database, outbox, dead letters, last digests, scheduler"
    )

    db = sub.add_parser("db", help="database schema")
    db.add_subparsers(dest="action", required=True).add_parser(
        "upgrade", help="bring the schema up to date, and nothing else"
    )

    partner = sub.add_parser("partner", help="partner organisations")
    p_add = partner.add_subparsers(dest="action", required=True).add_parser("add")
    p_add.add_argument("--slug", required=True)
    p_add.add_argument("--name", required=True)
    p_add.add_argument("--contact", help="how people can reach the partner (shown in urgent help)")

    project = sub.add_parser("project", help="projects").add_subparsers(
        dest="action", required=True
    )
    j_add = project.add_parser("add", help="add a project")
    j_add.add_argument("--partner", required=True, help="the partner's slug")
    _project_fields(j_add, required=True)
    j_set = project.add_parser("set", help="change a project")
    _project_fields(j_set, required=False)
    j_set.add_argument("--roundup-day", help="the day of the month (1-28) the round-up goes out")
    j_set.add_argument(
        "--new-join-word", action="store_true",
        help="give the project a new join word (the old one stops working)",
    )  # fmt: skip

    invite = sub.add_parser("invite", help="make an invite link (or `invite revoke CODE`)")
    scope = invite.add_mutually_exclusive_group()
    scope.add_argument("--project", help="the project's slug")
    scope.add_argument("--programme", action="store_true", help="an invite to the programme team")
    invite.add_argument("--role", choices=[r.value for r in Role if r is not Role.PROGRAMME])
    invite.add_argument(
        "--uses", type=int, help="how many can use it (participant: no limit, others 1)"
    )
    invite.add_argument(
        "--expires-days", type=int, help="days it works (participant: always, others 7)"
    )
    invite.add_argument(
        "--qr", type=Path, metavar="FILE.png", help="also write a QR code of the link"
    )
    invite.add_argument("--bot-username", help="the bot's username (otherwise asked of Telegram)")
    revoke = invite.add_subparsers(dest="action", metavar="revoke").add_parser("revoke")
    revoke.add_argument("code")

    sub.add_parser("projects", help="list partners, projects and member counts")
    sub.add_parser("check-prompts", help="check every prompt file for plain words")
    cli_digest.add_parsers(sub)
    cli_report.add_parsers(sub)
    cli_care.add_parsers(sub)
    cli_members.add_parsers(sub)
    cli_deadletters.add_parsers(sub)
    cli_roundup.add_parsers(sub)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    # Opt in to python-telegram-bot's timedelta durations now, rather than on its next major.
    os.environ.setdefault("PTB_TIMEDELTA", "1")
    args = parser().parse_args(argv)
    secrets: tuple[str, ...] = ()
    try:
        settings = load_settings()
        secrets = settings.secrets
        if args.command != "run":  # `run` sets up its own logs; here only problems are told
            configure_logs(max(settings.log_level, logging.WARNING), secrets)
        if args.command == "check-prompts":
            return cli_admin.check_prompts(load_texts(settings))
        if args.command == "run":
            from bot.runtime import run_polling, run_webhook

            if args.webhook:
                mode = SchedulerMode(args.scheduler)
                run_webhook(settings, args.host, args.port, args.workers, mode)
            else:
                run_polling(settings)
            return 0
        if args.command == "web":
            from bot.runtime import run_web

            run_web(settings, args.host, args.port or settings.web_port or 8090)
            return 0
        if args.command == "person" or (args.command == "retention" and not args.dry_run):
            settings.require_pseudonym_key()  # they forget people: before touching the database
        return asyncio.run(_command(args, settings))
    except (ConfigError, PromptError, SchemaBehind) as err:
        print(f"natter: {err}", file=sys.stderr)
        return EXIT_CONFIG
    except OperatorError as err:
        print(f"natter: {err}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except TelegramError as err:  # described, never printed: its text may quote the token
        print(f"natter: {describe(err, secrets)}", file=sys.stderr)
        return EXIT_CONFIG if isinstance(err, InvalidToken) else EXIT_BAD_INPUT


def writes(args: argparse.Namespace) -> bool:
    """Whether a command may change the database, and so bring its schema up to date first.
    One that only reads never migrates: it asks for `natter db upgrade` instead."""
    match args.command:
        case "status" | "projects" | "outbox" | "export" | "report":
            return False
        case "digest" | "roundup":
            return bool(args.action == "run-due")
        case "retention":
            return not args.dry_run
        case "deadletters":
            return bool(args.clear)
        case _:  # db upgrade, partner, project, invite, person forget, member remove
            return True


async def _command(args: argparse.Namespace, settings: Settings) -> int:
    async with open_services(settings, migrate=writes(args)) as services:
        if args.command == "status":
            from bot.cli.status import status

            print(await status(services))
            return 0
        if args.command in cli_digest.COMMANDS:
            return await cli_digest.run(args, services)
        if args.command in cli_care.COMMANDS:
            return await cli_care.run(args, services)
        if args.command in cli_report.COMMANDS:
            return await cli_report.run(args, services)
        if args.command in cli_members.COMMANDS:
            return await cli_members.run(args, services)
        if args.command in cli_roundup.COMMANDS:
            return await cli_roundup.run(args, services)
        if args.command in cli_deadletters.COMMANDS:
            return await cli_deadletters.run(args, services)
        return await cli_admin.run(args, services)
