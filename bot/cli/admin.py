"""`natter db|partner|project|invite|projects|check-prompts`: setting Natter up."""

from __future__ import annotations

import argparse
from collections.abc import Awaitable, Callable
from typing import TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from bot import joining
from bot.cli import operator
from bot.cli.operator import OperatorError, ProjectDetails
from bot.core import Clock
from bot.runtime import Services, Texts
from prompts import Prompts
from storage.db import Database
from storage.models import Role

T = TypeVar("T")
PROJECT_FIELDS = ("name", "about", "open_to_change", "fixed", "questions", "digest")


async def in_transaction(db: Database, work: Callable[[AsyncSession], Awaitable[T]]) -> T:
    async with db.transaction() as session:
        return await work(session)


async def run(args: argparse.Namespace, services: Services) -> int:
    db, prompts = services.db, services.prompts
    if args.command == "db":
        print("The database is up to date.")  # open_services upgraded it
    elif args.command == "partner":
        print(
            await in_transaction(
                db, lambda s: operator.add_partner(s, args.slug, args.name, args.contact)
            )
        )
    elif args.command == "project":
        clock = services.deps.clock
        print(await in_transaction(db, lambda s: _project(s, args, prompts, clock)))
    elif args.command == "projects":
        print(await in_transaction(db, operator.project_table))
    elif args.command == "invite":
        await _invite(args, services)
    return 0


async def _project(
    session: AsyncSession, args: argparse.Namespace, prompts: Prompts, clock: Clock
) -> str:
    fields = {name: getattr(args, name) for name in PROJECT_FIELDS}
    if args.action == "set":
        fields["roundup_day"] = args.roundup_day
        return await operator.set_project(
            session, prompts, args.slug, fields, clock, new_word=args.new_join_word
        )
    details = ProjectDetails(
        args.partner,
        args.slug,
        args.name,
        args.about,
        args.open_to_change,
        args.fixed,
        args.questions or "default",
        args.digest or "mon 09:00",
    )
    return await operator.add_project(session, prompts, details, clock)


async def _invite(args: argparse.Namespace, services: Services) -> None:
    from bot.cli.bot_api import bot_username

    db, clock = services.db, services.deps.clock
    if args.action == "revoke":
        print(await in_transaction(db, lambda s: operator.revoke_invite(s, clock, args.code)))
        return
    if args.project and not args.role:
        raise OperatorError("say which role the invite gives (--role participant|volunteer|staff).")
    if args.programme == bool(args.role):
        raise OperatorError("give either --project SLUG --role ROLE, or --programme.")
    role = Role.PROGRAMME if args.programme else Role(args.role)
    # Ask Telegram first, so a failure leaves no unused invite behind.
    username = args.bot_username or await bot_username(services.settings)
    invite = await in_transaction(
        db,
        lambda s: operator.create_invite(
            s, clock, role=role, project_slug=args.project, uses=args.uses,
            expires_days=args.expires_days,
        ),
    )  # fmt: skip
    url = joining.link(username, invite.code)
    if args.qr:
        import segno

        segno.make(url, error="m").save(str(args.qr), scale=10, border=4)
        print(f"QR code written to {args.qr}")
    limits = "no limit" if invite.uses_left is None else f"{invite.uses_left} use(s)"
    expiry = f"until {invite.expires_at:%Y-%m-%d %H:%M} UTC" if invite.expires_at else "no expiry"
    print(f"Invite for {role.value} ({limits}, {expiry}):")
    if role is Role.PARTICIPANT and args.project:
        word = await in_transaction(db, lambda s: operator.join_word(s, clock, args.project))
        print(f"Join word: {word}")
    print(url)


def check_prompts(texts: Texts) -> int:
    from prompts.joins import find_joins
    from prompts.lint import check_prompts as lint
    from prompts.screen_check import check_joins, check_screens

    prompts = texts.prompts
    problems = lint(prompts.all_texts(), texts.words.jargon)
    # Screens as people read them: prompts joined into one message, counted together.
    problems += check_screens(prompts) + check_joins(find_joins(), prompts.screens)
    for problem in problems:
        print(problem)
    if problems:
        return 1
    print("All prompts are in plain words.")
    return 0
