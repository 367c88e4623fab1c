"""/did's Save: a group session the team noted themselves (`by_team`: no volunteer, no
headcount), one group comment of what people said (read and with names kept out as every
comment is) and the team's reply linked to it, so it is one more "you said, we did" in the
digest, /report and `natter report`. Nobody is told: there is no contributor to tell. Then it
is screened as a volunteer's note is: a worry flags it, alerts the project's staff and is never
quoted."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy.ext.asyncio import AsyncSession

from bot import care
from bot.core import (
    Deps,
    DidStage,
    Handled,
    Incoming,
    Kept,
    NewComment,
    Reply,
    dialogue,
    store_comment,
)
from bot.did.asking import At, at
from bot.did.reading_back import did_shown, keep_for
from storage.models import GroupSession, Level, Outcome, Project, Response, Source
from storage.repositories import responses as responses_repo
from storage.repositories import sessions as sessions_repo


async def save(session: AsyncSession, deps: Deps, telegram_id: int) -> Reply | None:
    found = await at(session, telegram_id, DidStage.CONFIRM)
    if not isinstance(found, At):
        return found
    await dialogue.save(session, found.person.id, None, deps.now())
    state, project = found.state, found.project
    if (
        project is None or state.place is None or state.said is None
        or state.said_message is None or state.outcome is None or state.did is None
    ):  # fmt: skip
        return Reply.of("did.cancelled")
    said = Incoming(telegram_id, found.person.telegram_id, state.said_message, text=state.said)
    kept = await _keep(session, deps, found, project, said)
    # Safeguarding, as for a volunteer's note: what people said and what the team did, as typed.
    words = f"{state.said}\n{state.did}"
    saved = Handled(Reply.of("did.saved"), replace(kept, text=words, by_team=True))
    return await care.screen(session, deps, replace(said, text=words), saved, found.person.id)


async def _keep(
    session: AsyncSession, deps: Deps, found: At, project: Project, said: Incoming
) -> Kept:
    """The session, the comment and the reply; returns the comment as kept."""
    state, now = found.state, deps.now()
    assert state.place is not None and state.outcome is not None
    group = await sessions_repo.add_session(
        session,
        GroupSession(
            project_id=project.id, volunteer_id=None, place=state.place,
            held_on=deps.project_today(project), headcount=0, headcount_band=None,
            opened_at=now, closed_at=now, by_team=True,
        ),
    )  # fmt: skip
    kept = await store_comment(
        session,
        NewComment.of(
            said, now, project_id=project.id, person_id=None, group_session_id=group.id,
            source=Source.RELAYED, level=Level.GROUP, words=deps.words,
            keep=keep_for(project, state.place),
        ),
        project=project, place=group.place,
    )  # fmt: skip
    # It had its reply: the team's word that it needed one, whatever its words read as.
    await responses_repo.set_needs_reply(session, [kept.id], [project.id], True)
    did = did_shown(project, state)
    response = await responses_repo.add(
        session,
        Response(
            project_id=project.id, staff_id=found.person.id, outcome=state.outcome, text=did,
            reason=did if state.outcome is Outcome.CANNOT else None, version=1,
            created_at=now, updated_at=now,
        ),
    )  # fmt: skip
    await responses_repo.link(session, response.id, [kept.id])
    return kept
