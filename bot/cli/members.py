"""`natter member remove`: take someone off a project (or the programme team), keeping them;
`natter member set`: where a team member's digests and alerts go (bot.cli.member_setting)."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot import guide, team
from bot.cli import member_setting
from bot.cli.admin import in_transaction
from bot.cli.care import normalise
from bot.cli.menus import change_menu
from bot.cli.operator import PROJECT_ROLES, OperatorError
from bot.core import CommandMenu
from bot.runtime import Services
from storage.models import Person, Role
from storage.repositories import people as people_repo
from storage.repositories import projects

COMMANDS = ("member",)


def add_parsers(sub: Any) -> None:
    member = sub.add_parser(
        "member", help="take someone off a project, or set where their digests go"
    )
    actions = member.add_subparsers(dest="action", required=True)
    remove = actions.add_parser(
        "remove", help="end their membership; what is queued for them from it is not sent"
    )
    scope = remove.add_mutually_exclusive_group(required=True)
    scope.add_argument("--project", help="the project's slug")
    scope.add_argument("--programme", action="store_true", help="the programme team")
    remove.add_argument(
        "--role", choices=[r.value for r in PROJECT_ROLES],
        help="only this role (otherwise every role they have in the project)",
    )  # fmt: skip
    remove.add_argument("who", help='their made-up name (K7 or "Person K7") or Telegram id')
    member_setting.add_parser(actions)


@dataclass(frozen=True, slots=True)
class Removed:
    said: str
    chat_id: int
    menu: CommandMenu  # their command menu now


async def run(args: argparse.Namespace, services: Services) -> int:
    if args.action == "set":
        print(await in_transaction(services.db, lambda s: member_setting.change(s, args, _person)))
        return 0
    removed = await in_transaction(services.db, lambda s: remove(s, args))
    print(removed.said)
    await change_menu(services.settings, services.prompts, removed.chat_id, removed.menu)
    return 0


async def remove(session: AsyncSession, args: argparse.Namespace) -> Removed:
    if args.programme and args.role:
        raise OperatorError("the programme team has one role: drop --role.")
    project_id, where = None, "the programme team"
    if args.project:
        project = await projects.project_by_slug(session, args.project)
        if project is None:
            raise OperatorError(f"there is no project {args.project!r}: see `natter projects`.")
        project_id, where = project.id, project.slug
    person = await _person(session, args.who)
    roles = [Role(args.role)] if args.role else list(PROJECT_ROLES)
    if args.programme:
        roles = [Role.PROGRAMME]
    left = await team.leave(session, person, project_id, roles)
    name = f"Person {person.pseudonym}"
    if not left.roles:
        raise OperatorError(await _not_there(session, person, project_id, name, where, args.role))
    what = f"Took {name} off {where} ({', '.join(r.value for r in left.roles)})"
    if left.skipped:
        what = f"{what}; {left.skipped} message(s) queued for them from it will not be sent"
    menu = await guide.menu_of(session, person.telegram_id)
    return Removed(f"{what}.", person.telegram_id, menu)


async def _not_there(
    session: AsyncSession,
    person: Person,
    project_id: int | None,
    name: str,
    where: str,
    role: str | None,
) -> str:
    """Nothing to remove: say so, and what they are there if anything."""
    memberships = await people_repo.memberships(session, person.id)
    there = [m.role.value for m in memberships if m.project_id == project_id]
    if role and there:
        return f"{name} is not {role} on {where} (they are {', '.join(there)}), so nothing changed."
    return f"{name} is not a member of {where}, so nothing changed."


async def _person(session: AsyncSession, who: str) -> Person:
    """By made-up name (K7, "Person K7") or Telegram id (digits: made-up names start with a
    letter)."""
    text = who.strip()
    if text.isdigit():
        found = await people_repo.person_by_telegram_id(session, int(text))
    else:
        pseudonym = normalise(text)
        found = await people_repo.person_by_pseudonym(session, pseudonym) if pseudonym else None
    if found is None:
        raise OperatorError(
            f"there is no person {text!r}: give the made-up name staff see, such as K7 or "
            "'Person K7', or their Telegram id."
        )
    return found
