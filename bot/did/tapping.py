"""/did, the buttons: a project, a recent place, what happened, the read-back's Change (and
which answer), and Cancel on every question. Each is checked against the staff member's
projects and where they are in /did: one that does not fit the step they are on does nothing
(None); anyone not (or no longer) on a project's team is told it is for the team."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import Deps, DidStage, Reply, buttons, dialogue
from bot.did.asking import At, answered, ask, ask_where, at, save_state, where_for
from storage.models import Outcome


async def pick_project(
    session: AsyncSession, deps: Deps, telegram_id: int, project_id: int
) -> Reply | None:
    found = await at(session, telegram_id, DidStage.PROJECT)
    if not isinstance(found, At):
        return found
    project = next((p for p in found.projects if p.id == project_id), None)
    if project is None:
        return None
    return await ask_where(session, deps, replace(found, state=where_for(project)))


async def pick_place(
    session: AsyncSession, deps: Deps, telegram_id: int, index: int
) -> Reply | None:
    found = await at(session, telegram_id, DidStage.WHERE)
    if not isinstance(found, At) or index >= len(found.state.places):
        return found if isinstance(found, Reply) else None
    place = found.state.places[index]
    return await answered(session, deps, found, replace(found.state, place=place))


async def pick_outcome(
    session: AsyncSession, deps: Deps, telegram_id: int, outcome: Outcome
) -> Reply | None:
    found = await at(session, telegram_id, DidStage.OUTCOME)
    if not isinstance(found, At):
        return found
    state = replace(found.state, stage=DidStage.DID, outcome=outcome)
    await save_state(session, deps, found, state)
    return ask(deps, replace(found, state=state))


async def change(session: AsyncSession, deps: Deps, telegram_id: int) -> Reply | None:
    """The read-back's Change: which answer."""
    found = await at(session, telegram_id, DidStage.CONFIRM)
    if not isinstance(found, At):
        return found
    state = replace(found.state, stage=DidStage.CHANGE)
    await save_state(session, deps, found, state)
    return ask(deps, replace(found, state=state))


async def change_part(
    session: AsyncSession, deps: Deps, telegram_id: int, part: buttons.DidPart
) -> Reply | None:
    """That question again; once answered, back to the read-back (the rest as it was)."""
    found = await at(session, telegram_id, DidStage.CHANGE)
    if not isinstance(found, At):
        return found
    stage = {"where": DidStage.WHERE, "said": DidStage.SAID}.get(part, DidStage.OUTCOME)
    changing = replace(found, state=replace(found.state, stage=stage, changing=True))
    if stage is DidStage.WHERE:
        return await ask_where(session, deps, changing)
    await save_state(session, deps, changing, changing.state)
    return ask(deps, changing)


async def cancel(session: AsyncSession, deps: Deps, telegram_id: int) -> Reply | None:
    """Cancel, on any question: nothing of it is kept, and nothing else changes."""
    found = await at(session, telegram_id)
    if not isinstance(found, At):
        return found
    await dialogue.save(session, found.person.id, None, deps.now())
    return Reply.of("did.cancelled")
