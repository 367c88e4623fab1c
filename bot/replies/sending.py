"""The last step of answering: a preview of the message people will get, then sending it."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import Deps, Reply, Say, dialogue
from bot.replies import telling as loop
from storage.models import Comment, GroupSession, Person, Response
from storage.repositories import projects, tallies
from storage.repositories import responses as repo


async def preview(session: AsyncSession, state: dialogue.Replying) -> list[Say]:
    comment = await session.get(Comment, state.ticked[0]) if state.ticked else None
    if comment is None or comment.project_id is None or state.outcome is None:
        return []
    project = await projects.project_by_id(session, comment.project_id)
    assert project is not None
    draft = Response(
        project_id=project.id, outcome=state.outcome, text=state.text, reason=state.reason,
        version=2 if state.response_id else 1,
    )  # fmt: skip
    place = None
    if comment.group_session_id is not None:
        group = await session.get(GroupSession, comment.group_session_id)
        place = group.place if group else None
    return loop.message_for(comment, draft, project, place)


async def send(
    session: AsyncSession,
    deps: Deps,
    person: Person,
    project_ids: list[int],
    state: dialogue.Replying,
) -> Reply:
    existing = await session.get(Response, state.response_id) if state.response_id else None
    comments = await repo.answerable(
        session, list(state.ticked), project_ids, existing.id if existing else None
    )
    await dialogue.save(session, person.id, None, deps.now())
    if not comments or state.outcome is None or state.text is None:
        return Reply.of("answers.cancelled")
    project = await projects.project_by_id(session, comments[0].project_id or 0)
    assert project is not None
    comments = [c for c in comments if c.project_id == project.id]
    now = deps.now()
    if existing is None:
        response = await repo.add(
            session,
            Response(
                project_id=project.id,
                staff_id=person.id,
                outcome=state.outcome,
                text=state.text,
                reason=state.reason,
                version=1,
                created_at=now,
                updated_at=now,
            ),
        )
        await repo.link(session, response.id, [c.id for c in comments])
    else:
        response, was = existing, existing.outcome
        response.outcome, response.text = state.outcome, state.text
        response.reason, response.version, response.updated_at = (
            state.reason,
            existing.version + 1,
            now,
        )
        await session.flush()
        await tallies.outcome_moved(session, response.id, was, state.outcome)
    told = await loop.queue_messages(session, deps, response, project)
    if told == 0:
        return Reply.of("answers.sent_none")
    return Reply.of("answers.sent_one") if told == 1 else Reply.of("answers.sent", count=told)
