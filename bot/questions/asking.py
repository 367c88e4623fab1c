"""Asking a project's questions one at a time, each with Skip."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import (
    Button,
    Deps,
    Handled,
    Incoming,
    NewComment,
    Reply,
    Say,
    buttons,
    dialogue,
    people,
    store_comment,
)
from bot.questions import collective
from prompts.catalogue import question_key
from storage.models import Kind, Person, Project, Role
from storage.repositories import people as people_repo
from storage.repositories import projects as project_repo


async def begin(session: AsyncSession, deps: Deps, person_id: int, project: Project) -> Reply:
    return await _ask(session, deps, person_id, project, 0)


async def answer(
    session: AsyncSession,
    deps: Deps,
    person: Person,
    state: dialogue.AnsweringQuestions,
    incoming: Incoming,
) -> Handled | None:
    """Store the message as the answer to the current question and move on; None if the
    project has gone (then it is an ordinary comment)."""
    project = await project_repo.project_by_id(session, state.project_id)
    if project is None:
        return None
    qset = deps.question_set(project.question_set)
    asked = qset.questions[state.index] if state.index < len(qset) else None
    kept = await store_comment(
        session,
        NewComment.of(
            incoming, deps.now(), project_id=project.id, person_id=person.id,
            kind=Kind(asked.kind) if asked else Kind.OTHER,
            question_key=asked.key if asked else None, words=deps.words,
            keep=[project.name],
        ),
        project=project,
    )  # fmt: skip
    return Handled(await _ask(session, deps, person.id, project, state.index + 1), kept)


async def skip(
    session: AsyncSession, deps: Deps, telegram_id: int, pressed: buttons.SkipQuestion
) -> Reply | None:
    """Skip the question on the pressed button, if it is still the one being asked."""
    person = await people.find(session, telegram_id)
    if person is None:
        return None
    memberships = await people_repo.memberships(session, person.id, Role.PARTICIPANT)
    project = next(
        (m.project for m in memberships if m.project and m.project.id == pressed.project_id),
        None,
    )
    if project is None:
        return None
    state = await dialogue.load(session, person.id)
    if state != dialogue.AnsweringQuestions(pressed.project_id, pressed.index):
        return None
    return await _ask(session, deps, person.id, project, pressed.index + 1)


async def _ask(
    session: AsyncSession, deps: Deps, person_id: int, project: Project, index: int
) -> Reply:
    qset = deps.question_set(project.question_set)
    if index >= len(qset):
        await dialogue.save(session, person_id, None, deps.now())
        done = Reply.of("questions.done", project=project.name)
        person = await session.get(Person, person_id)
        assert person is not None
        return collective.then_ask(done, await collective.maybe_ask(session, deps, person))
    state = dialogue.AnsweringQuestions(project.id, index)
    await dialogue.save(session, person_id, state, deps.now())
    question = qset.questions[index]
    skip_data = buttons.encode(buttons.SkipQuestion(project.id, index))
    skip_button = Button(Say("buttons.skip"), skip_data)
    return Reply((Say(question_key(qset.name, question.key)),), (skip_button,))
