"""Which commands Telegram lists beside someone's message box: the ones their roles can use.

Telegram keeps one list per chat (a "chat" command scope) over the bot's default list, which is
the participant's. So a participant's chat has no list of its own, and a forgotten person's own
list is taken away. A command is listed only where it answers with something: the programme
team's /export or /flagged would only say they see totals, so they are not listed for them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import CommandMenu, Reply, people
from storage.models import Person, Role
from storage.repositories import people as people_repo

PARTICIPANT_COMMANDS = ("help", "mydata", "stop", "forget")
STAFF_COMMANDS = (
    "digest",
    "replies",
    "did",
    "flagged",
    "listen",
    "report",
    "export",
    "invite",
    "team",
)
ADDED: dict[Role, tuple[str, ...]] = {
    Role.PARTICIPANT: (),
    Role.VOLUNTEER: ("note", "sessions"),
    Role.STAFF: (*STAFF_COMMANDS, "web", "settings"),
    Role.PROGRAMME: ("digest", "report", "team", "ask", "web", "settings"),
}
# The order they are listed in: help first, someone's own data last.
ORDER = (
    *("help", "note", "sessions", *STAFF_COMMANDS, "ask", "web", "settings"),
    *("mydata", "stop", "forget"),
)
DEFAULT = CommandMenu()


def menu_for(roles: Iterable[Role]) -> CommandMenu:
    """The menu for someone with these roles (none, or only participant: the default)."""
    wanted = set(PARTICIPANT_COMMANDS).union(*(ADDED[role] for role in roles))
    if wanted == set(PARTICIPANT_COMMANDS):
        return DEFAULT
    return CommandMenu(tuple(name for name in ORDER if name in wanted))


def commands_of(menu: CommandMenu) -> tuple[str, ...]:
    """The commands a chat shows with this menu."""
    return PARTICIPANT_COMMANDS if menu.is_default else menu.names


async def roles_of(session: AsyncSession, person: Person | None) -> set[Role]:
    if person is None:
        return set()
    return {m.role for m in await people_repo.memberships(session, person.id)}


async def menu_of(session: AsyncSession, telegram_id: int) -> CommandMenu:
    """Their menu as their memberships stand now (a forgotten person's: the default)."""
    return menu_for(await roles_of(session, await people.find(session, telegram_id)))


async def with_menu(session: AsyncSession, telegram_id: int, reply: Reply | None) -> Reply | None:
    """`reply`, setting their menu as it should be now (after joining, forgetting, /help)."""
    if reply is None:
        return None
    return replace(reply, commands=await menu_of(session, telegram_id))


async def after_joining(
    session: AsyncSession, telegram_id: int, reply: Reply | None
) -> Reply | None:
    """`reply`, with their menu when joining made it more than the default. Joining only adds
    roles, so a participant's chat already shows the default: no call to Telegram for it."""
    menu = await menu_of(session, telegram_id)
    if reply is None or menu.is_default:
        return reply
    return replace(reply, commands=menu)


async def team_menus(session: AsyncSession) -> dict[int, CommandMenu]:
    """Every chat whose menu is more than the default, with that menu: set again at each
    start-up, so one that failed to set heals by the next."""
    found = await people_repo.team_roles(session)
    return {chat: menu_for(roles) for chat, roles in found.items()}
