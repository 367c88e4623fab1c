"""Joining through an invite: greet, explain, ask consent. Nothing is stored before yes."""

from __future__ import annotations

from typing import Literal

from sqlalchemy.ext.asyncio import AsyncSession

from bot import questions, relay
from bot.core import Button, Deps, Reply, Say, buttons, people
from bot.joining import invites, words
from storage.models import Invite, Role
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
    return await _offer(session, telegram_id, invite)


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
    return await _offer(session, telegram_id, invite)


async def is_join_word(session: AsyncSession, text: str | None) -> bool:
    """Whether a member's message is a project's join word (an existing one: a member's
    "about 12" is a headcount, not a wrong word)."""
    word = words.normalise(text) if words.looks_like(text) and text else None
    return word is not None and await invite_repo.invite_by_word(session, word) is not None


async def _offer(session: AsyncSession, telegram_id: int, invite: Invite) -> Reply:
    person = await people.find(session, telegram_id)
    if person is not None and await _is_member(session, person.id, invite):
        person.paused = False
        return _already(invite)
    return consent_request(invite)


def consent_request(invite: Invite, *, more: bool = False) -> Reply:
    choices = tuple(
        Button(Say(f"buttons.{label}"), buttons.encode(buttons.Join(choice, invite.code)))
        for label, choice in _CHOICES
    )
    if more:
        return Reply((Say("consent.more", _names(invite)),), choices)
    return Reply(_introduction(invite), choices)


def _names(invite: Invite) -> dict[str, str]:
    if invite.project is None:
        return {"project": "", "partner": ""}
    return {"project": invite.project.name, "partner": invite.project.partner.name}


def _introduction(invite: Invite) -> tuple[Say, ...]:
    names = _names(invite)
    project = invite.project
    if invite.role is Role.PROGRAMME or project is None:
        return (Say("consent.intro_programme"), Say("consent.team_names"), Say("consent.ask"))
    if invite.role is Role.STAFF:
        return (Say("consent.intro_team", names), Say("consent.team_names"), Say("consent.ask"))
    opening = "consent.intro_volunteer" if invite.role is Role.VOLUNTEER else "consent.intro"
    parts = [Say(opening, names)]
    if project.about:
        parts.append(Say("consent.about", {"about": project.about}))
    parts.append(Say("consent.purpose", names))
    if project.open_to_change:
        parts.append(Say("consent.can_change", {"open_to_change": project.open_to_change}))
    if project.fixed:
        parts.append(Say("consent.fixed", {"fixed": project.fixed}))
    parts += [Say("consent.names"), Say("consent.ask")]
    return tuple(parts)


async def answer(
    session: AsyncSession,
    deps: Deps,
    telegram_id: int,
    choice: str,
    code: str,
    language: str,
) -> Reply:
    """Yes / Tell me more / No thanks. The code is checked again: buttons are never trusted."""
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
