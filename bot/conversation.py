"""Everything a member says after joining: answers, comments, voice notes, edits."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot import (
    answers,
    callbacks,
    care,
    checkins,
    collective,
    people,
    questions,
    relay,
    report_flow,
)
from bot.deps import Deps
from bot.incoming import Incoming
from bot.replies import Button, Reply, Say
from storage.models import Comment, Kind, Level, Person, Project, Role, Source
from storage.repositories import comments, dialogues
from storage.repositories import people as people_repo
from storage.repositories import projects as project_repo

CHOOSE_STEP = "choose_project"


async def receive(session: AsyncSession, deps: Deps, incoming: Incoming) -> Reply | None:
    """Everything someone sends: handled, then screened for words that sound like danger."""
    return await care.screen(session, deps, incoming, await message(session, deps, incoming))


async def message(session: AsyncSession, deps: Deps, incoming: Incoming) -> Reply | None:
    """Store what a member said and say thank you; None when there is nothing to say."""
    person = await people.find(session, incoming.telegram_id)
    if person is None:
        return Reply.of("comment.not_member")
    # A redelivered update: it was stored (and answered) the first time.
    if await comments.comment_exists(session, incoming.chat_id, incoming.message_id):
        return None
    await checkins.heard_from(session, person)
    state = await dialogues.load_state(session, person.id)
    if not relay.is_noting(state) and checkins.is_opt_out(incoming.text):
        return await checkins.opt_out(session, deps, person)
    if incoming.text and incoming.text.strip() == deps.prompts.plain("buttons.note_menu"):
        return await relay.start(session, deps, person.telegram_id)
    if relay.is_noting(state):
        return await relay.message(session, deps, person, state, incoming)
    if report_flow.is_waiting_for_dates(state) and incoming.text:
        return await report_flow.report_dates(session, deps, person.telegram_id, incoming.text)
    if answers.is_answering(state) and state.get("stage") in ("reason", "text"):
        return await answers.typed(session, deps, person, state, incoming.text)
    if care.is_noting(state):
        return await care.review_note(session, deps, person, state, incoming.text)
    if state.get("step") == collective.ASK_STEP:
        return await collective.ask_typed(session, deps, person, incoming.text)
    if collective.is_answering(state):
        return await collective.answer(session, deps, person, state, incoming)
    if checkins.is_waiting(state):
        reply = await checkins.answer(session, deps, person, state, incoming)
        if reply is not None:
            return reply
        state = {}
    comment = _comment(person, incoming, deps)
    if questions.is_asking(state):
        project = await project_repo.project_by_id(session, int(state["project_id"]))
        if project is not None:
            return await questions.answer(session, deps, state, comment, project)
    projects = await participant_projects(session, person.id)
    if not projects:
        if await relay.volunteer_projects(session, person):
            return Reply((Say("note.hint"),), menu=relay.MENU)
        return Reply.of("help.text")
    if len(projects) == 1:
        comment.project_id = projects[0].id
        await comments.add_comment(session, comment)
        key = "comment.thanks_voice" if incoming.is_voice else "comment.thanks"
        thanks = Reply.of(key, project=projects[0].name)
        return collective.then_ask(thanks, await collective.maybe_ask(session, deps, person))
    # Several projects: keep it unfiled until they say which one it is about.
    await comments.add_comment(session, comment)
    pending = list(state.get("pending", [])) if state.get("step") == CHOOSE_STEP else []
    await dialogues.save_state(
        session, person.id, {"step": CHOOSE_STEP, "pending": [*pending, comment.id]}, deps.now()
    )
    buttons = tuple(
        Button(Say("buttons.project", {"name": p.name}), callbacks.encode("pick", p.id))
        for p in projects
    )
    return Reply.of("comment.which_project", buttons=buttons)


async def pick_project(
    session: AsyncSession, deps: Deps, telegram_id: int, project_id: int
) -> Reply | None:
    """File waiting comments under the chosen project; None if the button is stale or forged."""
    person = await people.find(session, telegram_id)
    if person is None:
        return None
    state = await dialogues.load_state(session, person.id)
    project = next(
        (p for p in await participant_projects(session, person.id) if p.id == project_id), None
    )
    if state.get("step") != CHOOSE_STEP or project is None:
        return None
    pending = [int(i) for i in state.get("pending", [])]
    await comments.assign_project(session, person.id, pending, project.id)
    await dialogues.save_state(session, person.id, {}, deps.now())
    return Reply.of("comment.filed", project=project.name)


async def skip_question(
    session: AsyncSession, deps: Deps, telegram_id: int, project_id: int, index: int
) -> Reply | None:
    person = await people.find(session, telegram_id)
    if person is None:
        return None
    project = next(
        (p for p in await participant_projects(session, person.id) if p.id == project_id), None
    )
    if project is None:
        return None
    state = await dialogues.load_state(session, person.id)
    return await questions.skip(session, deps, person.id, state, project, index)


async def edited(session: AsyncSession, deps: Deps, incoming: Incoming) -> Reply | None:
    """An edit of something already stored replaces its text; other edits are ignored."""
    person = await people.find(session, incoming.telegram_id)
    if person is None or incoming.text is None:
        return None
    comment = await comments.comment_by_message(session, incoming.chat_id, incoming.message_id)
    if comment is None or comment.person_id != person.id or comment.text == incoming.text:
        return None
    await comments.edit_text(session, comment, incoming.text, deps.now())
    return await care.screen(session, deps, incoming, Reply.of("comment.edited"))


async def participant_projects(session: AsyncSession, person_id: int) -> list[Project]:
    found = await people_repo.memberships(session, person_id, Role.PARTICIPANT)
    return [m.project for m in found if m.project is not None]


def _comment(person: Person, incoming: Incoming, deps: Deps) -> Comment:
    return Comment(
        person_id=person.id,
        source=Source.PARTICIPANT,
        level=Level.INDIVIDUAL,
        kind=Kind.OTHER,
        text=incoming.text,
        voice_file_id=incoming.voice_file_id,
        voice_seconds=incoming.voice_seconds,
        chat_id=incoming.chat_id,
        message_id=incoming.message_id,
        flagged=False,
        created_at=deps.now(),
    )
