"""Joining through an invite: greet, explain, ask consent. Nothing is stored before yes."""

from __future__ import annotations

from typing import Literal

from sqlalchemy.ext.asyncio import AsyncSession

from bot import questions, relay
from bot.core import Button, Deps, Reply, Say, buttons, people
from bot.joining import invites, words
from storage.models import Invite, Project, Role
from storage.repositories import invites as invite_repo
from storage.repositories import people as people_repo

_CHOICES: tuple[tuple[str, Literal["yes", "more", "no"]], ...] = (
    ("agree", "yes"),
    ("more", "more"),
    ("decline", "no"),
)


async def start(session: AsyncSession, deps: Deps, telegram_id: int, payload: str | None) -> Reply:
    """`/start` with or without an invite code."""
    person = await people.find(session, telegram_id)
    if not payload:
        if person is None:
            return Reply.of("join.no_code")
        person.paused = False
        person.checkins_unanswered = 0  # they came back: check-ins may start again
        return Reply.of("join.welcome_back")
    invite = await invites.find_usable(session, payload, deps.now())
    if invite is None:
        if words.looks_like(payload):
            return await by_word(session, deps, telegram_id, payload)
        return Reply.of("join.bad_code")
    return await _offer(session, deps, telegram_id, invite)


async def by_word(session: AsyncSession, deps: Deps, telegram_id: int, text: str | None) -> Reply:
    """A project's join word, typed or in `/start`: joining as its link does (participants
    only). Five wrong words in an hour and the chat must wait, so words cannot be guessed."""
    now = deps.now()
    if not deps.word_tries.may_try(telegram_id, now):
        return Reply.of("join.too_many_words")
    word = words.normalise(text) if text else None
    invite = await invite_repo.invite_by_word(session, word) if word else None
    if invite is None or invite.role is not Role.PARTICIPANT or invites.problem_with(invite, now):
        deps.word_tries.wrong(telegram_id, now)
        return Reply.of("join.bad_word")
    return await _offer(session, deps, telegram_id, invite)


async def is_join_word(session: AsyncSession, text: str | None) -> bool:
    """Whether a member's message is a project's join word (an existing one: a member's
    "about 12" is a headcount, not a wrong word)."""
    word = words.normalise(text) if words.looks_like(text) and text else None
    return word is not None and await invite_repo.invite_by_word(session, word) is not None


async def _offer(session: AsyncSession, deps: Deps, telegram_id: int, invite: Invite) -> Reply:
    person = await people.find(session, telegram_id)
    if person is not None and await _is_member(session, person.id, invite):
        person.paused = False
        return _already(invite)
    deps.offers.offered(telegram_id, invite.code, deps.now())  # "yes" typed joins as Yes does
    return consent_request(invite)


async def typed_answer(
    session: AsyncSession, deps: Deps, telegram_id: int, agreed: bool
) -> Reply | None:
    """ "yes" or "no thanks" typed under the welcome: the button's answer; None if no welcome
    is open for this chat here."""
    code = deps.offers.code_for(telegram_id, deps.now())
    if code is None:
        return None
    return await answer(session, deps, telegram_id, "yes" if agreed else "no", code, "en")


def consent_request(invite: Invite, *, more: bool = False) -> Reply:
    """The consent screen: Yes alone on the first row, the other two side by side (so it fits
    a small phone). "Tell me more" answers once, with only Yes and No thanks under it."""
    choices = tuple(
        Button(
            Say(f"buttons.{label}"),
            buttons.encode(buttons.Join(choice, invite.code)),
            beside=choice == "no" and not more,
        )
        for label, choice in _CHOICES
        if not (more and choice == "more")
    )
    if more:
        key = "consent.more_volunteer" if invite.role is Role.VOLUNTEER else "consent.more"
        return Reply((Say(key, _names(invite)),), choices)
    return Reply(introduction(invite.role, invite.project), choices)


def _names(invite: Invite) -> dict[str, str]:
    return _project_names(invite.project)


def _project_names(project: Project | None) -> dict[str, str]:
    if project is None:
        return {"project": "", "partner": ""}
    return {"project": project.name, "partner": project.partner.name}


def introduction(role: Role, project: Project | None) -> tuple[Say, ...]:
    """The consent screen's parts (prompts/screens.yaml: consent, consent_volunteer, ...)."""
    names = _project_names(project)
    if role is Role.PROGRAMME or project is None:
        return (Say("consent.intro_programme"), Say("consent.team_names"), Say("consent.ask"))
    if role is Role.STAFF:
        return (Say("consent.intro_team", names), Say("consent.team_names"), Say("consent.ask"))
    about = (Say("consent.about", {"about": project.about}),) if project.about else ()
    if role is Role.VOLUNTEER:
        return (
            Say("consent.intro_volunteer", names),
            *about,
            Say("consent.purpose_volunteer"),
            Say("consent.names_volunteer"),
        )
    changes = _changes(project)
    return (Say("consent.intro", names), *about, *changes, Say("consent.promise"))


def _changes(project: Project) -> tuple[Say, ...]:
    """What the project's members can help change and what stays, on one paragraph if both."""
    can, fixed = project.open_to_change, project.fixed
    if can and fixed:
        return (Say("consent.changes", {"open_to_change": can, "fixed": fixed}),)
    if can:
        return (Say("consent.can_change", {"open_to_change": can}),)
    return (Say("consent.fixed", {"fixed": fixed}),) if fixed else ()


async def answer(
    session: AsyncSession,
    deps: Deps,
    telegram_id: int,
    choice: str,
    code: str,
    language: str,
) -> Reply:
    """Yes / Tell me more / No thanks. The code is checked again: buttons are never trusted."""
    if choice != "more":
        deps.offers.answered(telegram_id)
    invite = await invites.find_usable(session, code, deps.now())
    if invite is None:
        return Reply.of("consent.expired")
    if choice == "no":
        return Reply.of("consent.declined")
    if choice == "more":
        return consent_request(invite, more=True)
    person = await people.find_or_create(session, deps, telegram_id, language)
    if await _is_member(session, person.id, invite):
        return _already(invite)
    if invite.uses_left is not None and not await invite_repo.use_invite(session, invite.id):
        return Reply.of("consent.expired")
    await people_repo.add_membership(session, person.id, invite.project_id, invite.role, deps.now())
    person.paused = False
    if invite.role is Role.VOLUNTEER:
        welcome = (Say("consent.yes_volunteer", _names(invite)), Say("note.menu_hint"))
        return Reply(welcome, menu=relay.MENU)
    if invite.role is not Role.PARTICIPANT or invite.project is None:
        return Reply((Say(f"consent.yes_{invite.role.value}", _names(invite)),))
    first = await questions.begin(session, deps, person.id, invite.project)
    return Reply((Say("consent.yes_participant"), *first.parts), first.buttons)


async def _is_member(session: AsyncSession, person_id: int, invite: Invite) -> bool:
    current = await people_repo.memberships(session, person_id, invite.role)
    return any(m.project_id == invite.project_id for m in current)


def _already(invite: Invite) -> Reply:
    return Reply.of("join.already", project=invite.project.name if invite.project else "")
