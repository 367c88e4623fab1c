"""/did, the questions: which project (staff of several), where or with whom (recent places as
buttons, or typed), what people said (typed), what happened and what the team did (typed). One
question a screen, each with Cancel; nothing is stored but the dialogue state until Save.

Every step is checked against the staff member's projects and dialogue state: a button from an
earlier step does nothing (None), and anyone who is not (or no longer) a project's staff is told
it is for the team, as for every staff command.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import (
    Button,
    Deps,
    DidStage,
    Handled,
    Incoming,
    Reply,
    Say,
    buttons,
    dialogue,
    not_for,
    people,
    team_of,
)
from bot.did.reading_back import read_back
from bot.language import redact
from storage.models import Outcome, Person, Project
from storage.repositories import sessions as sessions_repo

PLACE_CHARS = 200  # as group_sessions.place holds
MAX_DID = 600  # letters, as a reply in /replies
PLACES = 4  # recent places offered as buttons
PARTS: tuple[buttons.DidPart, ...] = ("where", "said", "did")
TYPED = (DidStage.WHERE, DidStage.SAID, DidStage.DID)


@dataclass(frozen=True, slots=True)
class At:
    """A project's staff member on /did, their projects, and where they are in it."""

    person: Person
    projects: list[Project]
    state: dialogue.RecordingDid

    @property
    def project(self) -> Project | None:
        return next((p for p in self.projects if p.id == self.state.project_id), None)


async def _staff(session: AsyncSession, telegram_id: int) -> tuple[Person, list[Project]] | Reply:
    """A staff member and the projects they may speak for; what to tell anyone else."""
    team = await team_of(session, telegram_id)
    person = await people.find(session, telegram_id)
    if team is None or person is None or not team.projects:
        return not_for(team)
    return person, team.projects


async def at(session: AsyncSession, telegram_id: int, *stages: DidStage) -> At | Reply | None:
    """Staff on one of `stages` of /did (any stage if none is given); "for the team" for anyone
    else; None for staff not on that stage (a stale button)."""
    staff = await _staff(session, telegram_id)
    if isinstance(staff, Reply):
        return staff
    person, projects = staff
    state = await dialogue.load(session, person.id)
    if not isinstance(state, dialogue.RecordingDid) or (stages and state.stage not in stages):
        return None
    return At(person, projects, state)


async def save_state(
    session: AsyncSession, deps: Deps, at: At, state: dialogue.RecordingDid
) -> None:
    await dialogue.save(session, at.person.id, state, deps.now())


def _cancel() -> Button:
    return Button(Say("buttons.cancel"), buttons.encode(buttons.DidCancel()))


async def start(session: AsyncSession, deps: Deps, telegram_id: int) -> Reply:
    """/did: straight to "where" for staff of one project; else which project first."""
    staff = await _staff(session, telegram_id)
    if isinstance(staff, Reply):
        return staff
    person, projects = staff
    first = At(person, projects, dialogue.RecordingDid(DidStage.PROJECT))
    if len(projects) == 1:
        return await ask_where(session, deps, replace(first, state=where_for(projects[0])))
    await save_state(session, deps, first, first.state)
    return ask(deps, first)


def where_for(project: Project) -> dialogue.RecordingDid:
    return dialogue.RecordingDid(DidStage.WHERE, project.id)


async def ask_where(session: AsyncSession, deps: Deps, at: At) -> Reply:
    """Where or with whom, with the project's recent places as buttons (those of its volunteers'
    groups and of /did before; none that had a name taken out)."""
    found = await sessions_repo.project_places(session, at.state.project_id or 0, PLACES * 2)
    places = tuple(p for p in found if "[" not in p)[:PLACES]
    state = replace(at.state, stage=DidStage.WHERE, places=places)
    await save_state(session, deps, at, state)
    return ask(deps, replace(at, state=state))


def ask(deps: Deps, at: At) -> Reply:
    """The question of the stage they are on, with its buttons and Cancel (the read-back's
    are Save, Change and Cancel)."""
    state = at.state
    if state.stage is DidStage.CONFIRM:
        shown = read_back(deps, at.project, state) if at.project else None
        return shown or Reply.of("did.cancelled")
    key = {
        DidStage.PROJECT: "did.which_project",
        DidStage.WHERE: "did.where",
        DidStage.SAID: "did.said",
        DidStage.OUTCOME: "did.outcome",
        DidStage.CHANGE: "did.change",
    }.get(state.stage, f"did.did_{(state.outcome or Outcome.CHANGED).value}")
    offered: list[tuple[Say, buttons.ButtonData]] = []
    if state.stage is DidStage.PROJECT:
        offered = [
            (Say("buttons.project", {"name": p.name}), buttons.DidProject(p.id))
            for p in at.projects[:8]
        ]
    elif state.stage is DidStage.WHERE:
        offered = [
            (Say("buttons.place", {"place": p}), buttons.DidPlace(i))
            for i, p in enumerate(state.places)
        ]
    elif state.stage is DidStage.OUTCOME:
        offered = [(Say(f"buttons.outcome_{o.value}"), buttons.DidOutcome(o)) for o in Outcome]
    elif state.stage is DidStage.CHANGE:
        offered = [
            (Say(f"buttons.did_change_{part}"), buttons.DidChangePart(part)) for part in PARTS
        ]
    choices = tuple(Button(label, buttons.encode(data)) for label, data in offered)
    return Reply((Say(key),), (*choices, _cancel()))


async def typed(
    session: AsyncSession,
    deps: Deps,
    person: Person,
    state: dialogue.RecordingDid,
    incoming: Incoming,
) -> Handled:
    """A typed answer to the question they are on; on a step of buttons, its buttons again.
    A voice message is never kept here: the words are read back before anything is kept."""
    found = await at(session, person.telegram_id, state.stage)
    if not isinstance(found, At) or (state.stage is not DidStage.PROJECT and not found.project):
        await dialogue.save(session, person.id, None, deps.now())  # taken off the team midway
        return Handled(found if isinstance(found, Reply) else Reply.of("did.cancelled"))
    if state.stage not in TYPED:
        again = ask(deps, found)
        return Handled(replace(again, parts=(Say("did.tap"), *again.parts)))
    words = " ".join((incoming.text or "").split())
    if state.stage is DidStage.WHERE:
        if not words:
            return Handled(_again(deps, found, "did.where_again"))
        keep = [found.project.name] if found.project else []
        place = redact(words[:PLACE_CHARS], keep)[:PLACE_CHARS]  # "with Doreen": nobody named
        return Handled(await answered(session, deps, found, replace(state, place=place)))
    if state.stage is DidStage.SAID:
        said = (incoming.text or "").strip()
        if not said:
            return Handled(_again(deps, found, "did.typed_only"))
        then = replace(state, said=said, said_message=incoming.message_id)
        return Handled(await answered(session, deps, found, then))
    if not words:
        return Handled(_again(deps, found, "did.did_again"))
    if len(words) > MAX_DID:
        return Handled(_again(deps, found, "did.too_long"))
    return Handled(await answered(session, deps, found, replace(state, did=words)))


def _again(deps: Deps, at: At, key: str) -> Reply:
    """What to type, said again, with the question's buttons and Cancel."""
    return replace(ask(deps, at), parts=(Say(key),))


async def answered(
    session: AsyncSession, deps: Deps, at: At, state: dialogue.RecordingDid
) -> Reply:
    """On to the next question, or back to the read-back after changing one answer."""
    following = {DidStage.WHERE: DidStage.SAID, DidStage.SAID: DidStage.OUTCOME}
    stage = DidStage.CONFIRM if state.changing else following.get(state.stage, DidStage.CONFIRM)
    state = replace(state, stage=stage, changing=False)
    await save_state(session, deps, at, state)
    return ask(deps, replace(at, state=state))
