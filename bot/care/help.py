"""Help for someone who may be in danger: read before anything else reads their message, and
sent first, on its own, with the most urgent number for what it sounds like in its first line.

A participant's message that sounds like danger is not an answer to the question they were
asked nor a step in a check-in: it is kept as a message of its own and flagged, and whatever
they were doing stays where it was (the question is still the one waiting for an answer).
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot.care.alerts import alert_staff
from bot.core import (
    Button,
    Deps,
    Incoming,
    NewComment,
    NoteStage,
    Reply,
    Say,
    Step,
    buttons,
    dialogue,
    store_comment_once,
)
from bot.language import Concern
from storage.models import Project, Role, Source
from storage.repositories import flags
from storage.repositories import people as people_repo

# Where a participant is when a message may be theirs to answer; staff writing a note or a
# reply, and volunteers noting a group, are not asked whether they are safe (bot.care.screen).
PERSONAL = frozenset(
    {
        None,
        Step.CHOOSE_PROJECT,
        Step.QUESTIONS,
        Step.COLLECTIVE,
        Step.CHECKIN,
        Step.CONFIRM_FORGET,
        Step.CONFIRM_STOP,
        Step.TALK,
    }
)


def concerns(deps: Deps, incoming: Incoming) -> list[Concern]:
    """What the message may be about, most urgent first: the first thing to read it."""
    return deps.words.safeguarding.concerns(incoming.text) if incoming.text else []


def for_the_person(step: Step | None) -> bool:
    """False for the team's own words: to a person (what they write about a danger is not
    one), or noting what the team heard (/did), which is screened once kept, as a volunteer's
    note is (bot.did)."""
    return step not in (Step.WRITE_TO_PERSON, Step.DID)


def takes_first(step: Step | None) -> bool:
    """True when a participant's message that sounds like danger is answered by help alone."""
    return step in PERSONAL


async def danger_first(
    session: AsyncSession,
    deps: Deps,
    incoming: Incoming,
    person_id: int,
    project_id: int,
    concern: Concern,
) -> Reply | None:
    """Keep it as a message of its own, flag it, alert staff, and answer with help only (no
    thank-you, no next question); None for an update delivered again (it was the first time)."""
    new = NewComment.of(incoming, deps.now(), project_id=project_id, person_id=person_id)
    kept = await store_comment_once(session, new)
    if kept is None:
        return None
    project = await session.get(Project, project_id)
    await flags.flag(session, kept.id, concern.topic)
    if project is not None:
        await alert_staff(session, deps, kept, project, concern, f"alert:{kept.id}")
    if not deps.throttle.first_help(incoming.telegram_id, concern.topic, deps.now()):
        return None  # a burst of worrying messages gets one help reply (each is flagged)
    return help_reply(concern.topic, project, kept.id)


async def noted_early(
    session: AsyncSession,
    deps: Deps,
    person_id: int,
    state: dialogue.Dialogue | None,
    incoming: Incoming,
    concern: Concern,
) -> Reply | None:
    """A volunteer's worry typed while a group's note is being set up (where, when, how many),
    before there is a note to keep it in: kept and flagged on its own, the team told, and the
    volunteer thanked as for any worry passed on (never help as if for herself); the set-up
    step waits as it was. None when they are not setting up a note."""
    if not isinstance(state, dialogue.Noting) or state.stage is NoteStage.COMMENTS:
        return None
    project_id = state.project_id
    if project_id is None:  # still choosing which project: their first
        found = await people_repo.memberships(session, person_id, Role.VOLUNTEER)
        project_id = found[0].project_id if found else None
    project = await session.get(Project, project_id) if project_id is not None else None
    new = NewComment.of(
        incoming, deps.now(), project_id=project_id, person_id=person_id, source=Source.RELAYED
    )
    kept = await store_comment_once(session, new)
    if kept is not None:  # else delivered again: kept and told the first time
        await flags.flag(session, kept.id, concern.topic)
        if project is not None:
            await alert_staff(session, deps, kept, project, concern, f"alert:{kept.id}")
    return relayed_reply(project)


def help_reply(topic: str, project: Project | None, comment_id: int | None) -> Reply:
    """The number first; then the partner, and the two buttons when there is a flag to keep
    the answer with (a stranger's message is not kept: help only)."""
    parts = [Say(f"care.danger.{topic}")]
    if project is None:
        return Reply(tuple(parts), urgent=True)
    partner = project.partner
    if partner.contact:
        parts.append(
            Say("care.team_contact", {"partner": partner.name, "contact": partner.contact})
        )
    else:
        parts.append(Say("care.team", {"partner": partner.name}))
    choices: tuple[Button, ...] = ()
    if comment_id is not None:
        choices = (
            Button(Say("buttons.safe"), buttons.encode(buttons.CareSafe(comment_id))),
            Button(Say("buttons.contact_me"), buttons.encode(buttons.CareContact(comment_id))),
        )
    return Reply(tuple(parts), choices, urgent=True)


def relayed_reply(project: Project | None) -> Reply:
    """To a volunteer who passed on a worry about someone else: not help for herself."""
    if project is None:
        return Reply((Say("care.relayed_no_team"),), urgent=True)
    return Reply((Say("care.relayed", {"partner": project.partner.name}),), urgent=True)
