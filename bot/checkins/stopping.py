""" "Stop" in plain words: asked once to be sure, as it may have been meant for someone else."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import Button, Deps, Reply, Say, buttons, dialogue, people
from storage.models import Person


async def opt_out(session: AsyncSession, deps: Deps, person: Person) -> Reply:
    if person.paused:
        return Reply.of("optout.already")
    state = await dialogue.load(session, person.id)
    previous = state.previous if isinstance(state, dialogue.ConfirmingStop) else state
    await dialogue.save(session, person.id, dialogue.ConfirmingStop(previous), deps.now())
    yes = Button(Say("buttons.optout_yes"), buttons.encode(buttons.OptOut("yes")))
    no = Button(Say("buttons.optout_no"), buttons.encode(buttons.OptOut("no")), beside=True)
    return Reply.of("optout.ask", buttons=(yes, no))


async def opt_out_answer(
    session: AsyncSession, deps: Deps, telegram_id: int, choice: buttons.YesNo
) -> Reply | None:
    person = await people.find(session, telegram_id)
    if person is None:
        return None
    state = await dialogue.load(session, person.id)
    if isinstance(state, dialogue.ConfirmingStop):  # back to where they were, either way
        await dialogue.save(session, person.id, state.previous, deps.now())
    if choice != "yes":
        return Reply.of("optout.kept")
    person.paused = True
    return Reply.of("optout.done")
