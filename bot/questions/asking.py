"""Asking a project's questions one at a time, each with Skip."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import Button, Deps, Reply, Say
from bot.core import button_data as callbacks
from bot.questions import collective
from prompts.catalogue import question_key
from storage.models import Comment, Kind, Person, Project
from storage.repositories import comments, dialogues

STEP = "questions"


async def begin(session: AsyncSession, deps: Deps, person_id: int, project: Project) -> Reply:
    return await _ask(session, deps, person_id, project, 0)


def is_asking(state: dict[str, Any]) -> bool:
    return state.get("step") == STEP


async def answer(
    session: AsyncSession,
    deps: Deps,
    state: dict[str, Any],
    comment: Comment,
    project: Project,
) -> Reply:
    """Store `comment` as the answer to the current question and move on."""
    index = int(state["index"])
    qset = deps.question_set(project.question_set)
    if index < len(qset):
        question = qset.questions[index]
        comment.question_key, comment.kind = question.key, Kind(question.kind)
    comment.project_id = project.id
    await comments.add_comment(session, comment)
    assert comment.person_id is not None
    return await _ask(session, deps, comment.person_id, project, index + 1)


async def skip(
    session: AsyncSession,
    deps: Deps,
    person_id: int,
    state: dict[str, Any],
    project: Project,
    index: int,
) -> Reply | None:
    """Skip the question on the pressed button, if it is still the one being asked."""
    if not is_asking(state) or state.get("project_id") != project.id or state.get("index") != index:
        return None
    return await _ask(session, deps, person_id, project, index + 1)


async def _ask(
    session: AsyncSession, deps: Deps, person_id: int, project: Project, index: int
) -> Reply:
    qset = deps.question_set(project.question_set)
    if index >= len(qset):
        await dialogues.save_state(session, person_id, {}, deps.now())
        done = Reply.of("questions.done", project=project.name)
        person = await session.get(Person, person_id)
        assert person is not None
        return collective.then_ask(done, await collective.maybe_ask(session, deps, person))
    await dialogues.save_state(
        session, person_id, {"step": STEP, "project_id": project.id, "index": index}, deps.now()
    )
    question = qset.questions[index]
    skip_button = Button(Say("buttons.skip"), callbacks.encode("skip", project.id, index))
    return Reply((Say(question_key(qset.name, question.key)),), (skip_button,))
