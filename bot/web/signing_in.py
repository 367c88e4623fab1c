"""Signing in to the web page from Telegram: /web sends a one-time link; using it opens a
session; every request checks the person's roles again, as every Telegram command does."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import Deps, Reply, Team, people, team_of
from bot.web.tokens import (
    SESSION_LIFETIME,
    WebConfig,
    make_link_token,
    read_link_token,
)
from storage.models import Person
from storage.repositories import web_sign_ins


@dataclass(frozen=True, slots=True)
class Visitor:
    """Someone signed in, with their roles as they stand now."""

    person: Person
    team: Team
    nonce: str
    ticked: tuple[int, ...]

    @property
    def project_ids(self) -> list[int]:
        return [p.id for p in self.team.projects]


async def sign_in_link(
    session: AsyncSession, deps: Deps, telegram_id: int, config: WebConfig | None
) -> Reply:
    """/web: a link for staff and the programme team; "only for the team" for anyone else."""
    team = await team_of(session, telegram_id)
    if team is None:
        return Reply.of("team.only")
    if config is None:
        return Reply.of("web.not_set_up")
    return Reply.of(
        "web.link", link=f"{config.url}/sign-in?token={make_link_token(config, telegram_id)}"
    )


async def use_link(session: AsyncSession, deps: Deps, config: WebConfig, token: str) -> str | None:
    """The new session's nonce; None for a link changed, too old, used before, or for someone
    no longer on a team."""
    claim = read_link_token(config, token)
    if claim is None:
        return None
    person = await people.find(session, claim.telegram_id)
    if person is None or await team_of(session, claim.telegram_id) is None:
        return None
    now = deps.now()
    await web_sign_ins.forget_expired(session, now)  # nothing is kept past its session
    used = await web_sign_ins.use_link(session, claim.nonce, person.id, now, now + SESSION_LIFETIME)
    return claim.nonce if used else None


async def visitor(session: AsyncSession, deps: Deps, nonce: str) -> Visitor | None:
    found = await web_sign_ins.live(session, nonce, deps.now())
    if found is None:
        return None
    person = await session.get(Person, found.person_id)
    team = await team_of(session, person.telegram_id) if person else None
    if person is None or team is None:
        return None
    return Visitor(person, team, nonce, tuple(found.ticked or ()))


async def sign_out(session: AsyncSession, deps: Deps, nonce: str) -> None:
    await web_sign_ins.sign_out(session, nonce, deps.now())
