"""Opening a group's note once its set-up is done (where, which day, how many), with any notes
typed while it was set up filed first."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import Deps, Incoming, NoteStage, Reply, Say, dialogue
from bot.relay.keeping import keep_note
from bot.relay.notes import note_buttons
from storage.models import GroupSession, Person
from storage.repositories import projects as project_repo
from storage.repositories import sessions as sessions_repo


async def open_note(
    session: AsyncSession,
    deps: Deps,
    person: Person,
    state: dialogue.Noting,
    headcount: int,
    band: str | None,
) -> Reply:
    project = await project_repo.project_by_id(session, state.project_id or 0)
    if project is None or state.place is None or state.held_on is None:
        return Reply.of("note.only_volunteers")
    group = await sessions_repo.add_session(
        session,
        GroupSession(
            project_id=project.id,
            volunteer_id=person.id,
            place=state.place,
            held_on=state.held_on,
            headcount=headcount,
            headcount_band=band,
            opened_at=deps.now(),
        ),
    )
    await dialogue.save(
        session, person.id, dialogue.Noting(NoteStage.COMMENTS, session_id=group.id), deps.now()
    )
    parts = [Say("note.ready")]
    if state.early:
        parts.append(
            Say(
                "note.filed_early",
                {"count": await _file_early(session, deps, person, group, state)},
            )
        )
    return Reply(tuple(parts), note_buttons(group.id, with_tags=None))


async def _file_early(
    session: AsyncSession, deps: Deps, person: Person, group: GroupSession, held: dialogue.Noting
) -> int:
    """The notes held while the note was set up, in the order sent, as the session's first
    (each with its own message id). How many there were."""
    chat = person.telegram_id  # a private chat's id is the person's own
    for message_id, text in zip(held.early_ids, held.early, strict=True):
        await keep_note(session, deps, group, Incoming(chat, chat, message_id, text))
    return len(held.early)
