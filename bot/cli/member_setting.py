"""`natter member set WHO [--send-to telegram|email|both] [--email ADDRESS | --no-email]`: where
a staff or programme member's digests and alerts go, as /settings sets it in Telegram."""

from __future__ import annotations

import argparse
from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot import mail
from bot.cli.operator import OperatorError
from storage.models import Delivery, Person, Role
from storage.repositories import people as people_repo

TEAM_ROLES = frozenset({Role.STAFF, Role.PROGRAMME})
FindPerson = Callable[[AsyncSession, str], Awaitable[Person]]


def add_parser(actions: Any) -> None:
    change = actions.add_parser(
        "set", help="where a staff or programme member's digests and alerts go"
    )
    change.add_argument("who", help='their made-up name (K7 or "Person K7") or Telegram id')
    change.add_argument(
        "--send-to", choices=[d.value for d in Delivery],
        help="Telegram, email or both (email needs an address)",
    )  # fmt: skip
    address = change.add_mutually_exclusive_group()
    address.add_argument("--email", help="their email address")
    address.add_argument("--no-email", action="store_true", help="forget their email address")


async def change(session: AsyncSession, args: argparse.Namespace, find: FindPerson) -> str:
    """Set what was asked; one line saying where their digests and alerts go now."""
    if args.send_to is None and args.email is None and not args.no_email:
        raise OperatorError("say what to set: --send-to, --email or --no-email.")
    person = await find(session, args.who)
    name = f"Person {person.pseudonym}"
    roles = {m.role for m in await people_repo.memberships(session, person.id)}
    if not roles & TEAM_ROLES:
        raise OperatorError(
            f"{name} is not staff or on the programme team, so has no digests to send."
        )
    if args.email is not None:
        try:
            person.email = mail.checked_address(args.email)
        except mail.BadAddress as err:
            raise OperatorError(f"{args.email!r} is not an email address: {err}") from None
    if args.no_email:
        person.email = None
    if args.send_to is not None:
        person.delivery = Delivery(args.send_to)
    elif args.email is not None and person.delivery is Delivery.TELEGRAM:
        person.delivery = Delivery.BOTH  # an address given means email too, as in /settings
    where = person.delivery.value
    if person.delivery is not Delivery.TELEGRAM and person.email is None:
        return f"{name}: digests and alerts go to {where}; with no address yet, to Telegram."
    address = f" ({person.email})" if person.email else ""
    return f"{name}: digests and alerts go to {where}{address}."
