"""/settings: where a staff or programme member's digests and alerts go (Telegram, email or
both), and the email address they go to. A participant or volunteer has no such setting."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot import mail
from bot.core import Button, Deps, Handled, Incoming, Reply, Say, buttons, dialogue, people
from storage.models import Delivery, Person, Role
from storage.repositories import people as people_repo

TEAM_ROLES = frozenset({Role.STAFF, Role.PROGRAMME})
CHOICES = (Delivery.TELEGRAM, Delivery.EMAIL, Delivery.BOTH)
MAX_TRIES = 3  # addresses that could not be used before what they type is theirs again


async def settings_show(session: AsyncSession, deps: Deps, telegram_id: int) -> Reply:
    """Where they go now, with a button for each choice; what they type next is their address."""
    person = await _team_member(session, telegram_id)
    if person is None:
        return Reply.of("team.only")
    await dialogue.save(session, person.id, dialogue.TypingEmail(), deps.now())
    where = _where(deps, person.delivery)
    if person.email:
        shown = Say("settings.show", {"where": where, "address": person.email})
    else:
        shown = Say("settings.show_no_address", {"where": where})
    return Reply((shown,), _buttons())


async def send_to(
    session: AsyncSession, deps: Deps, telegram_id: int, choice: buttons.Sending
) -> Reply | None:
    """They tapped Telegram, Email or Both."""
    person = await _team_member(session, telegram_id)
    if person is None:
        return None
    person.delivery = Delivery(choice)
    where = _where(deps, person.delivery)
    if person.delivery is not Delivery.TELEGRAM and not person.email:
        # Kept, and used once there is an address; till then everything still comes here.
        await dialogue.save(session, person.id, dialogue.TypingEmail(), deps.now())
        return Reply.of("settings.need_address", where=where)
    await dialogue.save(session, person.id, None, deps.now())
    return Reply.of("settings.saved", where=where)


async def address_typed(
    session: AsyncSession,
    deps: Deps,
    person: Person,
    state: dialogue.TypingEmail,
    incoming: Incoming,
) -> Handled | None:
    """The address they typed after /settings: kept if mail can be sent to it, else asked again
    kindly. A voice note is not an address: it is filed as a comment as usual (None)."""
    if incoming.text is None:
        return None
    try:
        address = mail.checked_address(incoming.text)
    except mail.BadAddress:
        if state.tries + 1 >= MAX_TRIES:  # not an address after all: let them be
            await dialogue.save(session, person.id, None, deps.now())
            return Handled(Reply.of("settings.bad_address_last"))
        await dialogue.save(session, person.id, dialogue.TypingEmail(state.tries + 1), deps.now())
        return Handled(Reply.of("settings.bad_address"))
    person.email = address
    if person.delivery is Delivery.TELEGRAM:
        person.delivery = Delivery.BOTH  # giving an address means they want email too
    await dialogue.save(session, person.id, None, deps.now())
    where = _where(deps, person.delivery)
    return Handled(Reply((Say("settings.address_saved", {"address": address, "where": where}),)))


async def choose(
    session: AsyncSession, deps: Deps, telegram_id: int, choice: Delivery, typed: str
) -> Say | None:
    """The web page's form: where they go and the address at once, kept by the same rules as in
    Telegram; what to tell them, or None for someone not on a team. An empty address field takes
    the address away (the form shows the one kept); one mail cannot go to changes nothing."""
    person = await _team_member(session, telegram_id)
    if person is None:
        return None
    address = None
    if typed.strip():
        try:
            address = mail.checked_address(typed)
        except mail.BadAddress:
            return Say("settings.web_bad_address")
    person.email, person.delivery = address, choice
    where = _where(deps, choice)
    if choice is not Delivery.TELEGRAM and address is None:
        # Kept, and used once there is an address; till then everything goes by Telegram.
        return Say("settings.web_need_address", {"where": where})
    return Say("settings.saved", {"where": where})


async def _team_member(session: AsyncSession, telegram_id: int) -> Person | None:
    person = await people.find(session, telegram_id)
    if person is None:
        return None
    roles = {m.role for m in await people_repo.memberships(session, person.id)}
    return person if roles & TEAM_ROLES else None


def _where(deps: Deps, delivery: Delivery) -> str:
    return deps.prompts.plain(f"settings.where.{delivery.value}")


def _buttons() -> tuple[Button, ...]:
    return tuple(
        Button(Say(f"buttons.send_to.{c.value}"), buttons.encode(buttons.SendTo(c.value)), n > 0)
        for n, c in enumerate(CHOICES)
    )
