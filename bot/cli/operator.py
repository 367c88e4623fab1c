"""What the operator does from the command line: partners, projects and invites."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from bot import joining
from bot.core import Clock, RhythmError, format_rhythm, parse_rhythm
from prompts import Prompts
from storage.models import Invite, Project, Role
from storage.repositories import invites as invite_repo
from storage.repositories import projects

PROJECT_ROLES = (Role.PARTICIPANT, Role.VOLUNTEER, Role.STAFF)
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")


class OperatorError(Exception):
    """Bad input from the operator; the message says what is wrong and how to fix it."""


def _check_slug(slug: str) -> str:
    if not SLUG_RE.match(slug):
        raise OperatorError(
            f"{slug!r} is not a valid slug: use lower-case letters, digits and hyphens, "
            "like firth-park-coffee."
        )
    return slug


async def add_partner(session: AsyncSession, slug: str, name: str, contact: str | None) -> str:
    if await projects.partner_by_slug(session, _check_slug(slug)):
        raise OperatorError(f"a partner with slug {slug!r} already exists.")
    if not name.strip():
        raise OperatorError("the partner needs a name (--name).")
    await projects.add_partner(session, slug, name.strip(), contact)
    return f"Added partner {slug} ({name.strip()})."


@dataclass(frozen=True, slots=True)
class ProjectDetails:
    partner: str
    slug: str
    name: str
    about: str | None = None
    open_to_change: str | None = None
    fixed: str | None = None
    questions: str = "default"
    digest: str = "mon 09:00"


async def add_project(
    session: AsyncSession, prompts: Prompts, details: ProjectDetails, clock: Clock
) -> str:
    partner = await projects.partner_by_slug(session, details.partner)
    if partner is None:
        raise OperatorError(
            f"there is no partner {details.partner!r}: add it first with `natter partner add`."
        )
    if await projects.project_by_slug(session, _check_slug(details.slug)):
        raise OperatorError(f"a project with slug {details.slug!r} already exists.")
    if details.questions not in prompts.question_sets:
        known = ", ".join(sorted(prompts.question_sets))
        raise OperatorError(f"there is no question set {details.questions!r}; known sets: {known}.")
    if not details.name.strip():
        raise OperatorError("the project needs a name (--name).")
    weekday, at = _rhythm(details.digest)
    project = await projects.add_project(
        session,
        Project(
            partner=partner,
            slug=details.slug,
            name=details.name.strip(),
            about=details.about,
            open_to_change=details.open_to_change,
            fixed=details.fixed,
            question_set=details.questions,
            digest_weekday=weekday,
            digest_time=at,
        ),
    )
    word = await joining.give_word(session, project, clock.now())
    added = f"Added project {details.slug} ({details.name.strip()}) for {partner.name}."
    return _warned(f"{added}\nJoin word: {word}", prompts, project)


def _warned(said: str, prompts: Prompts, project: Project) -> str:
    """What the command says, with a warning line when the consent screen grows too long."""
    warning = joining.consent_too_long(prompts, project)
    return f"{said}\n{warning}" if warning else said


def _day_of_month(text: str) -> int:
    """1 to 28, so that every month has the day."""
    if not text.strip().isdigit() or not 1 <= int(text) <= 28:
        raise OperatorError(f"--roundup-day {text!r} is not a day from 1 to 28.")
    return int(text)


def _rhythm(text: str) -> tuple[int, str]:
    try:
        return parse_rhythm(text)
    except RhythmError as err:
        raise OperatorError(f"--digest {err}") from None


async def set_project(
    session: AsyncSession,
    prompts: Prompts,
    slug: str,
    changes: dict[str, str | None],
    clock: Clock,
    *,
    new_word: bool = False,
) -> str:
    """Change the fields given (None: leave as it is), and the join word if asked."""
    project = await projects.project_by_slug(session, slug)
    if project is None:
        raise OperatorError(f"there is no project {slug!r}: see `natter projects`.")
    given = {k: v for k, v in changes.items() if v is not None}
    word = await joining.give_word(session, project, clock.now()) if new_word else None
    new = f"Project {slug} has a new join word: {word} (the old one no longer works)."
    if word and not given:
        return new
    if not given:
        raise OperatorError('say what to change, e.g. --digest "thu 17:00" or --name NAME.')
    if "questions" in given and given["questions"] not in prompts.question_sets:
        raise OperatorError(f"there is no question set {given['questions']!r}.")
    if "digest" in given:
        project.digest_weekday, project.digest_time = _rhythm(given.pop("digest"))
    if "questions" in given:
        project.question_set = given.pop("questions")
    if "roundup_day" in given:
        project.roundup_day = _day_of_month(given.pop("roundup_day"))
    for field_name, value in given.items():
        setattr(project, field_name, value.strip())
    rhythm = format_rhythm(project.digest_weekday, project.digest_time)
    updated = (
        f"Updated project {slug}; its digest goes out {rhythm}, "
        f"its round-up on day {project.roundup_day} of each month."
    )
    return _warned(f"{updated}\n{new}" if word else updated, prompts, project)


async def create_invite(
    session: AsyncSession,
    clock: Clock,
    *,
    role: Role,
    project_slug: str | None,
    uses: int | None,
    expires_days: int | None,
) -> Invite:
    if uses is not None and uses < 1:
        raise OperatorError("--uses must be 1 or more (leave it out for no limit).")
    if expires_days is not None and expires_days < 1:
        raise OperatorError("--expires-days must be 1 or more.")
    project_id = None
    if role is Role.PROGRAMME:
        if project_slug:
            raise OperatorError("a programme invite belongs to no project: drop --project.")
    else:
        if not project_slug:
            raise OperatorError("say which project the invite is for (--project SLUG).")
        project = await projects.project_by_slug(session, project_slug)
        if project is None:
            raise OperatorError(f"there is no project {project_slug!r}: see `natter projects`.")
        project_id = project.id
    return await joining.create(
        session,
        role=role,
        project_id=project_id,
        uses=uses,
        expires_days=expires_days,
        now=clock.now(),
    )


async def revoke_invite(session: AsyncSession, clock: Clock, code: str) -> str:
    if not await invite_repo.revoke_invite(session, code, clock.now()):
        existing = await invite_repo.invite_by_code(session, code)
        if existing is None:
            raise OperatorError(f"there is no invite {code!r}.")
        return f"Invite {code} was already revoked."
    return f"Revoked invite {code}: the link no longer works."


async def join_word(session: AsyncSession, clock: Clock, slug: str) -> str:
    """The project's join word, made now if it has none (a project from before join words)."""
    project = await projects.project_by_slug(session, slug)
    if project is None:
        raise OperatorError(f"there is no project {slug!r}: see `natter projects`.")
    word = (await invite_repo.join_words(session)).get(project.id)
    return word or await joining.give_word(session, project, clock.now())


async def project_table(session: AsyncSession) -> str:
    rows = await projects.project_table(session)
    words = await invite_repo.join_words(session)
    if not rows:
        return "No projects yet. Add one with `natter partner add` then `natter project add`."
    header = (
        "PARTNER", "PROJECT", "NAME", "JOIN WORD", "QUESTIONS",
        *(r.value.upper() for r in PROJECT_ROLES),
    )  # fmt: skip
    table = [header] + [
        (
            r.partner,
            r.project,
            r.name,
            words.get(r.project_id, "-"),
            r.question_set,
            *(str(r.counts.get(role, 0)) for role in PROJECT_ROLES),
        )
        for r in rows
    ]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    return "\n".join(
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in table
    )
