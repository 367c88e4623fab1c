"""What people control about their data: /stop and /forget (and the CLI's forget); /mydata is
in `bot.privacy.mydata`."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import (
    Button,
    Deps,
    Reply,
    Say,
    buttons,
    dialogue,
    people,
    pseudonyms,
)
from bot.privacy.unquoting import unquote_outbox
from storage.models import Person
from storage.repositories import dead_letters
from storage.repositories import people as people_repo
from storage.repositories.people import Erasure


async def stop(session: AsyncSession, deps: Deps, telegram_id: int) -> Reply:
    """Pause everything Natter would send on its own; `/start` resumes."""
    person = await people.find(session, telegram_id)
    if person is None:
        return Reply.of("stop.not_member")
    person.paused = True
    return Reply.of("stop.done")


async def erase(session: AsyncSession, deps: Deps, person: Person) -> Erasure:
    """Forget someone: the one way both /forget and `natter person forget` delete a person.

    First their words and name leave the messages kept for others (digests, alerts), while
    their comments are still there to say what they wrote; then the person and everything
    that points at them go, their made-up name kept only as a keyed hash so it is never given
    out again. Once this commits, the files are cleaned (storage.purge).
    """
    retired = pseudonyms.retired_mark(deps.pseudonym_key, person.pseudonym)  # no key: fail first
    unquoted = await unquote_outbox(session, deps, person)
    erasure = await people_repo.delete_person(session, person.id, retired)
    if unquoted.deleted:
        erasure.deleted["outbox"] = erasure.deleted.get("outbox", 0) + unquoted.deleted
    if unquoted.rewritten:
        erasure.anonymised["outbox"] = unquoted.rewritten
    return erasure


async def forget_ask(session: AsyncSession, deps: Deps, telegram_id: int) -> Reply:
    person = await people.find(session, telegram_id)
    if person is None:
        # Never joined, but an update of theirs may have failed: its record (ids only) goes too.
        await dead_letters.forget_chat(session, telegram_id)
        return Reply.of("forget.nothing")
    state = await dialogue.load(session, person.id)
    # Remember where they were, so "No, keep it" puts them back mid-conversation.
    previous = state.previous if isinstance(state, dialogue.ConfirmingForget) else state
    await dialogue.save(session, person.id, dialogue.ConfirmingForget(previous), deps.now())
    choices = (
        Button(Say("buttons.forget_yes"), buttons.encode(buttons.Forget("yes"))),
        Button(Say("buttons.forget_no"), buttons.encode(buttons.Forget("no"))),
    )
    return Reply.of("forget.ask", buttons=choices)


async def forget_answer(
    session: AsyncSession, deps: Deps, telegram_id: int, choice: buttons.YesNo
) -> Reply | None:
    """Delete everything on yes; None if nothing was asked (a stale or forged button)."""
    person = await people.find(session, telegram_id)
    if person is None:
        return None
    state = await dialogue.load(session, person.id)
    if not isinstance(state, dialogue.ConfirmingForget):
        return None
    if choice == "yes":
        await erase(session, deps, person)
        return Reply.of("forget.done")
    await dialogue.save(session, person.id, state.previous, deps.now())
    return Reply.of("forget.kept")
