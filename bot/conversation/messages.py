"""Everything a member says after joining: answers, comments, voice notes, edits."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot import care, checkins, questions, relay, replies, reports
from bot.core import Button, Deps, Incoming, Reply, Say, people
from bot.core import button_data as callbacks
from storage.models import Comment, Kind, Level, Project, Role, Source
from storage.repositories import comments, dialogues
from storage.repositories import people as people_repo
from storage.repositories import projects as project_repo

CHOOSE_STEP = "choose_project"


async def receive(session: AsyncSession, deps: Deps, incoming: Incoming) -> Reply | None:
    """Everything someone sends: handled, then screened for words that sound like danger."""
    return await care.screen(session, deps, incoming, await message(session, deps, incoming))


async def message(session: AsyncSession, deps: Deps, incoming: Incoming) -> Reply | None:
    """Store what a member said and say thank you; None when there is nothing to say."""
    found = await people.arrive(session, incoming.telegram_id)
    if found is None:
        return Reply.of("comment.not_member")
    if found.projects and _just_a_comment(found.state, incoming, deps):
        return await _comment_at_once(session, deps, found, incoming)
    # A redelivered update: it was stored (and answered) the first time.
    if await comments.comment_exists(session, incoming.chat_id, incoming.message_id):
        return None
    return await _take_turn(session, deps, found, incoming)


async def _comment_at_once(
    session: AsyncSession, deps: Deps, found: people_repo.Arrival, incoming: Incoming
) -> Reply | None:
    """The common case, in two statements: storing it is the duplicate check, so a redelivered
    update stores nothing, changes nothing and gets no answer, as in `message`."""
    question = found.question_id
    reply = await _file(
        session, deps, found.person_id, found.state, incoming, found.projects,
        lambda: questions.put_question_by_id(session, deps, found.person_id, question),
    )  # fmt: skip
    if reply is not None and found.checkins_unanswered:
        await checkins.heard_from(session, await people.load(session, found))
    return reply


async def _take_turn(
    session: AsyncSession, deps: Deps, found: people_repo.Arrival, incoming: Incoming
) -> Reply | None:
    """A message that may be a step in a conversation (or a request), else a comment."""
    state = found.state
    person = await people.load(session, found)
    await checkins.heard_from(session, person)
    if not relay.is_noting(state) and checkins.is_opt_out(deps.words.opt_out, incoming.text):
        return await checkins.opt_out(session, deps, person)
    if _is_note_menu(incoming, deps):
        return await relay.start(session, deps, person.telegram_id)
    if relay.is_noting(state):
        return await relay.message(session, deps, person, state, incoming)
    if reports.is_waiting_for_dates(state) and incoming.text:
        return await reports.report_dates(session, deps, person.telegram_id, incoming.text)
    if replies.is_answering(state) and state.get("stage") in ("reason", "text"):
        return await replies.typed(session, deps, person, state, incoming.text)
    if care.is_noting(state):
        return await care.review_note(session, deps, person, state, incoming.text)
    if state.get("step") == questions.ASK_STEP:
        return await questions.ask_typed(session, deps, person, incoming.text)
    if questions.is_answering(state):
        return await questions.answer_programme(session, deps, person, state, incoming)
    if checkins.is_waiting(state):
        reply = await checkins.answer(session, deps, person, state, incoming)
        if reply is not None:
            return reply
        state = {}
    if questions.is_asking(state):
        project = await project_repo.project_by_id(session, int(state["project_id"]))
        if project is not None:
            comment = Comment(**_comment_values(person.id, incoming, deps))
            return await questions.answer(session, deps, state, comment, project)
    if not found.projects:
        if await relay.volunteer_projects(session, person):
            return Reply((Say("note.hint"),), menu=relay.MENU)
        return Reply.of("help.text")
    # Rare paths may have changed things since the first read: look the question up afresh.
    return await _file(
        session, deps, person.id, state, incoming, found.projects,
        lambda: questions.maybe_ask(session, deps, person),
    )  # fmt: skip


# Every dialogue step `_take_turn` acts on before a message becomes a plain comment. In any other
# state a participant's message (unless it asks to stop or opens the note menu) goes straight to
# `_file`; a step added to that chain must be added here too (tests/test_ingest_path.py checks).
TURN_STEPS = frozenset(
    {
        relay.STEP,
        reports.STEP,
        replies.STEP,
        care.NOTE_STEP,
        questions.ASK_STEP,
        questions.ANSWER_STEP,
        checkins.STEP,
        questions.STEP,
    }
)


def _just_a_comment(state: dict[str, Any], incoming: Incoming, deps: Deps) -> bool:
    """True when none of the steps or requests `_take_turn` checks first can apply."""
    return (
        state.get("step") not in TURN_STEPS
        and not checkins.is_opt_out(deps.words.opt_out, incoming.text)
        and not _is_note_menu(incoming, deps)
    )


def _is_note_menu(incoming: Incoming, deps: Deps) -> bool:
    text = incoming.text
    return text is not None and text.strip() == deps.prompts.plain("buttons.note_menu")


async def _file(
    session: AsyncSession,
    deps: Deps,
    person_id: int,
    state: dict[str, Any],
    incoming: Incoming,
    projects: Sequence[people_repo.ProjectName],
    then_ask: Callable[[], Awaitable[Reply | None]],
) -> Reply | None:
    """Store a comment from a participant and thank them; None if it was stored before.

    With one project it is filed there, with several it waits until they say which one.
    """
    only = projects[0] if len(projects) == 1 else None
    values = _comment_values(person_id, incoming, deps, only.id if only else None)
    comment_id = await comments.add_comment_once(session, **values)
    if comment_id is None:
        return None
    if only is not None:
        key = "comment.thanks_voice" if incoming.is_voice else "comment.thanks"
        return questions.then_ask(Reply.of(key, project=only.name), await then_ask())
    pending = list(state.get("pending", [])) if state.get("step") == CHOOSE_STEP else []
    await dialogues.save_state(
        session, person_id, {"step": CHOOSE_STEP, "pending": [*pending, comment_id]}, deps.now()
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


def _comment_values(
    person_id: int, incoming: Incoming, deps: Deps, project_id: int | None = None
) -> dict[str, Any]:
    """A participant's comment as column values (unfiled while project_id is None)."""
    return {
        "project_id": project_id,
        "person_id": person_id,
        "source": Source.PARTICIPANT,
        "level": Level.INDIVIDUAL,
        "kind": Kind.OTHER,
        "text": incoming.text,
        "voice_file_id": incoming.voice_file_id,
        "voice_seconds": incoming.voice_seconds,
        "chat_id": incoming.chat_id,
        "message_id": incoming.message_id,
        "flagged": False,
        "created_at": deps.now(),
    }
