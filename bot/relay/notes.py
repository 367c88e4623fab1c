"""The notes inside an open group session: add, tag, undo and done; closing stale sessions."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import Literal

from sqlalchemy.ext.asyncio import AsyncSession

from bot import delivery
from bot.core import (
    Button,
    Deps,
    Handled,
    Incoming,
    NoteStage,
    Reply,
    Say,
    buttons,
    dialogue,
    people,
)
from bot.relay.keeping import keep_note
from storage.models import Agreement, Comment, GroupSession, Kind, Person
from storage.repositories import sessions as sessions_repo

OPEN_FOR = timedelta(hours=3)
TAG_KINDS = {"good": Kind.LIKED, "better": Kind.CHANGE, "idea": Kind.IDEA}
TAG_AGREEMENT = {"one": Agreement.ONE, "few": Agreement.FEW, "most": Agreement.MOST}
MENU = (Say("buttons.note_menu"),)
_TAGS: tuple[tuple[Literal["k", "a"], tuple[str, ...]], ...] = (
    ("k", ("good", "better", "idea")),
    ("a", ("one", "few", "most")),
)


def note_buttons(session_id: int, with_tags: int | None) -> tuple[Button, ...]:
    """At most four under a note: "Add details" for the note just made (if any), one person's
    words, Undo and Done. The kind and agreement choices are one tap away, behind details."""
    found: list[Button] = []
    if with_tags is not None:
        details = buttons.encode(buttons.NoteDetails(with_tags))
        found.append(Button(Say("buttons.add_details"), details))
    found += [
        Button(Say("buttons.one_person"), buttons.encode(buttons.NoteOnePerson(session_id))),
        Button(Say("buttons.undo"), buttons.encode(buttons.NoteUndo(session_id))),
        Button(Say("buttons.done"), buttons.encode(buttons.NoteDone(session_id)), beside=True),
    ]
    return tuple(found)


async def add_note(
    session: AsyncSession, deps: Deps, person: Person, state: dialogue.Noting, incoming: Incoming
) -> Handled:
    group = await _open_group(session, person, state)
    if group is None:
        await dialogue.save(session, person.id, None, deps.now())
        return Handled(Reply((Say("note.hint"),), menu=MENU))
    kept = await keep_note(session, deps, group, incoming, one_person=state.one_person)
    count = await sessions_repo.note_count(session, group.id)
    parts = [Say("note.noted", {"count": count})]
    if not state.reminded:
        parts.append(Say("note.reminder"))
    # "One person" was for this note only.
    taking = dialogue.Noting(NoteStage.COMMENTS, session_id=group.id, reminded=True)
    await dialogue.save(session, person.id, taking, deps.now())
    return Handled(Reply(tuple(parts), note_buttons(group.id, with_tags=kept.id)), kept)


async def _open_group(
    session: AsyncSession, person: Person, state: dialogue.Noting
) -> GroupSession | None:
    if state.stage is not NoteStage.COMMENTS:
        return None
    group = await sessions_repo.get(session, state.session_id or 0)
    if group is None or group.closed_at is not None or group.volunteer_id != person.id:
        return None
    return group


# --- the buttons under each note; None when the session is not the open one ---------------


async def _in_session(
    session: AsyncSession, telegram_id: int, session_id: int | None
) -> tuple[Person, dialogue.Noting, GroupSession] | None:
    """The volunteer, their state and their open session (which the button must name, if any)."""
    person = await people.find(session, telegram_id)
    if person is None:
        return None
    state = await dialogue.load(session, person.id)
    if not isinstance(state, dialogue.Noting):
        return None
    group = await _open_group(session, person, state)
    if group is None or (session_id is not None and session_id != group.id):
        return None
    return person, state, group


def _tag_buttons(comment_id: int) -> tuple[Button, ...]:
    """What kind of thing it was on one row, how many agreed on the next."""
    return tuple(
        Button(
            Say(f"buttons.{'tag' if group == 'k' else 'agree'}_{o}"),
            buttons.encode(buttons.NoteTag(comment_id, group, o)),
            i > 0,
        )
        for group, options in _TAGS
        for i, o in enumerate(options)
    )


async def _note_in_session(
    session: AsyncSession, telegram_id: int, comment_id: int
) -> Comment | None:
    found = await _in_session(session, telegram_id, None)
    note = await session.get(Comment, comment_id) if found is not None else None
    if found is None or note is None or note.group_session_id != found[2].id:
        return None
    return note


async def details(
    session: AsyncSession, deps: Deps, telegram_id: int, comment_id: int
) -> Reply | None:
    """ "Add details": the kind and agreement choices for that note, with any already made.
    The note keeps its own buttons (Undo, Done)."""
    note = await _note_in_session(session, telegram_id, comment_id)
    if note is None:
        return None
    reply = Reply(_details_words(deps, note), _tag_buttons(note.id))
    return replace(reply, keep_buttons=True)


async def tag(
    session: AsyncSession, deps: Deps, telegram_id: int, tagged: buttons.NoteTag
) -> Reply | None:
    """A choice made: stored on the note, and shown on the choices' own message."""
    note = await _note_in_session(session, telegram_id, tagged.comment_id)
    if note is None:
        return None
    if tagged.field == "k" and tagged.value in TAG_KINDS:
        note.kind = TAG_KINDS[tagged.value]
    elif tagged.field == "a" and tagged.value in TAG_AGREEMENT:
        note.agreement = TAG_AGREEMENT[tagged.value]
    else:
        return None
    words = _details_words(deps, note)
    return Reply(words, _tag_buttons(note.id), toast=Say("note.tagged"), in_place=True)


def _details_words(deps: Deps, note: Comment) -> tuple[Say, ...]:
    """ "What kind of thing was it...?", then "Tagged: could be better, most of the room"."""
    kind = next((k for k, v in TAG_KINDS.items() if v is note.kind), None)
    agreed = next((a for a, v in TAG_AGREEMENT.items() if v is note.agreement), None)
    chosen = [f"note.tag_word_{kind}"] if kind else []
    chosen += [f"note.agree_word_{agreed}"] if agreed else []
    if not chosen:
        return (Say("note.details_ask"),)
    tags = ", ".join(deps.prompts.plain(key) for key in chosen)
    return (Say("note.details_ask"), Say("note.tagged_as", {"tags": tags}))


async def one_person(
    session: AsyncSession, deps: Deps, telegram_id: int, session_id: int
) -> Reply | None:
    found = await _in_session(session, telegram_id, session_id)
    if found is None:
        return None
    person, state, _ = found
    await dialogue.save(session, person.id, replace(state, one_person=True), deps.now())
    return Reply.of("note.one_person")


async def undo(session: AsyncSession, telegram_id: int, session_id: int) -> Reply | None:
    found = await _in_session(session, telegram_id, session_id)
    if found is None:
        return None
    group = found[2]
    last = await sessions_repo.last_note(session, group.id)
    if last is None:
        return Reply.of("note.nothing_to_undo")
    await sessions_repo.delete_note(session, last.id)
    count = await sessions_repo.note_count(session, group.id)
    return Reply((Say("note.undone", {"count": count}),), note_buttons(group.id, None))


async def done(
    session: AsyncSession, deps: Deps, telegram_id: int, session_id: int
) -> Reply | None:
    found = await _in_session(session, telegram_id, session_id)
    if found is None:
        return None
    person, _, group = found
    await dialogue.save(session, person.id, None, deps.now())
    count = await close_session(session, deps, group)
    return Reply((_done(group, count),), menu=MENU)


def _done(group: GroupSession, count: int) -> Say:
    if count == 0:
        return Say("note.done_empty")
    key = "note.done_one" if count == 1 else "note.done"
    return Say(key, {"count": count, "place": group.place})


async def close_session(session: AsyncSession, deps: Deps, group: GroupSession) -> int:
    """Close with what it has (an empty one is not kept); returns how many notes it has."""
    count = await sessions_repo.note_count(session, group.id)
    if count == 0:
        await sessions_repo.delete_session(session, group.id)
    else:
        group.closed_at = deps.now()
    return count


async def close_stale(session: AsyncSession, deps: Deps, now: datetime) -> int:
    """Sessions left open for 3 hours close themselves; the volunteer is told through the outbox."""
    closed = 0
    for group in await sessions_repo.stale_open(session, now - OPEN_FOR):
        volunteer = await session.get(Person, group.volunteer_id) if group.volunteer_id else None
        count = await close_session(session, deps, group)
        closed += 1
        if volunteer is None:
            continue
        state = await dialogue.load(session, volunteer.id)
        if isinstance(state, dialogue.Noting) and state.session_id == group.id:
            await dialogue.save(session, volunteer.id, None, now)
        if count:
            told = Reply.of("note.closed_itself", place=group.place, count=count)
            await delivery.enqueue(
                session, key=f"note-closed:{group.id}:{now:%Y%m%d%H%M}", kind="note",
                chat_id=volunteer.telegram_id, person_id=volunteer.id, now=now, reply=told,
                language=volunteer.language,
            )  # fmt: skip
    return closed
