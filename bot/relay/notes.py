"""The notes inside an open group session: add, tag, undo, done, and reopening today's."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot import delivery
from bot.core import Button, Deps, Incoming, Reply, Say, people
from bot.core import button_data as callbacks
from storage.models import Agreement, Comment, GroupSession, Kind, Level, Person, Source
from storage.repositories import comments, dialogues
from storage.repositories import sessions as sessions_repo

OPEN_FOR = timedelta(hours=3)
TAG_KINDS = {"good": Kind.LIKED, "better": Kind.CHANGE, "idea": Kind.IDEA}
TAG_AGREEMENT = {"one": Agreement.ONE, "few": Agreement.FEW, "most": Agreement.MOST}
MENU = (Say("buttons.note_menu"),)


def note_buttons(session_id: int, with_tags: int | None) -> tuple[Button, ...]:
    """Tags for the note just made (if any), then one person's words, Undo and Done."""
    buttons: list[Button] = []
    if with_tags is not None:
        for group, options in (("k", ("good", "better", "idea")), ("a", ("one", "few", "most"))):
            label = "tag" if group == "k" else "agree"
            buttons += [
                Button(
                    Say(f"buttons.{label}_{o}"),
                    callbacks.encode("ntag", with_tags, group, o),
                    i > 0,
                )
                for i, o in enumerate(options)
            ]
    buttons += [
        Button(Say("buttons.one_person"), callbacks.encode("none", session_id)),
        Button(Say("buttons.undo"), callbacks.encode("nundo", session_id)),
        Button(Say("buttons.done"), callbacks.encode("ndone", session_id), beside=True),
    ]
    return tuple(buttons)


async def add_note(
    session: AsyncSession, deps: Deps, person: Person, state: dict[str, Any], incoming: Incoming
) -> Reply:
    group = await _open_group(session, person, state)
    if group is None:
        await dialogues.save_state(session, person.id, {}, deps.now())
        return Reply((Say("note.hint"),), menu=MENU)
    one_person = bool(state.get("one_person"))
    note = await comments.add_comment(
        session,
        Comment(
            project_id=group.project_id,
            person_id=None,  # the words are the group's, not the volunteer's
            group_session_id=group.id,
            source=Source.RELAYED,
            level=Level.INDIVIDUAL if one_person else Level.GROUP,
            kind=Kind.OTHER,
            text=incoming.text,
            voice_file_id=incoming.voice_file_id,
            voice_seconds=incoming.voice_seconds,
            chat_id=incoming.chat_id,
            message_id=incoming.message_id,
            flagged=False,
            created_at=deps.now(),
        ),
    )
    count = await sessions_repo.note_count(session, group.id)
    parts = [Say("note.noted", {"count": count})]
    if not state.get("reminded"):
        parts.append(Say("note.reminder"))
    new_state = {"step": "note", "stage": "comments", "session_id": group.id, "reminded": True}
    await dialogues.save_state(session, person.id, new_state, deps.now())
    return Reply(tuple(parts), note_buttons(group.id, with_tags=note.id))


async def _open_group(
    session: AsyncSession, person: Person, state: dict[str, Any]
) -> GroupSession | None:
    if state.get("step") != "note" or state.get("stage") != "comments":
        return None
    group = await sessions_repo.get(session, int(state["session_id"]))
    if group is None or group.closed_at is not None or group.volunteer_id != person.id:
        return None
    return group


async def pressed(
    session: AsyncSession, deps: Deps, telegram_id: int, action: str, args: tuple[str, ...]
) -> Reply | None:
    """Tag, one person, Undo, Done or Add more; None when the session is not the open one."""
    person = await people.find(session, telegram_id)
    if person is None:
        return None
    if action == "nadd":
        return await _reopen(session, deps, person, int(args[0]))
    state = await dialogues.load_state(session, person.id)
    group = await _open_group(session, person, state)
    if group is None:
        return None
    if action == "ntag":
        return await _tag(session, group, int(args[0]), args[1], args[2])
    if int(args[0]) != group.id:
        return None
    if action == "none":
        await dialogues.save_state(session, person.id, {**state, "one_person": True}, deps.now())
        return Reply.of("note.one_person")
    if action == "nundo":
        last = await sessions_repo.last_note(session, group.id)
        if last is None:
            return Reply.of("note.nothing_to_undo")
        await sessions_repo.delete_note(session, last.id)
        count = await sessions_repo.note_count(session, group.id)
        return Reply((Say("note.undone", {"count": count}),), note_buttons(group.id, None))
    # Done
    await dialogues.save_state(session, person.id, {}, deps.now())
    count = await close_session(session, deps, group)
    return Reply((_done(group, count),), menu=MENU)


def _done(group: GroupSession, count: int) -> Say:
    if count == 0:
        return Say("note.done_empty")
    key = "note.done_one" if count == 1 else "note.done"
    return Say(key, {"count": count, "place": group.place})


async def _tag(
    session: AsyncSession, group: GroupSession, comment_id: int, field: str, value: str
) -> Reply | None:
    note = await session.get(Comment, comment_id)
    if note is None or note.group_session_id != group.id:
        return None
    if field == "k" and value in TAG_KINDS:
        note.kind = TAG_KINDS[value]
    elif field == "a" and value in TAG_AGREEMENT:
        note.agreement = TAG_AGREEMENT[value]
    else:
        return None
    return Reply((), toast=Say("note.tagged"), keep_buttons=True)


async def close_session(session: AsyncSession, deps: Deps, group: GroupSession) -> int:
    """Close with what it has (an empty one is not kept); returns how many notes it has."""
    count = await sessions_repo.note_count(session, group.id)
    if count == 0:
        await sessions_repo.delete_session(session, group.id)
    else:
        group.closed_at = deps.now()
    return count


async def _reopen(
    session: AsyncSession, deps: Deps, person: Person, session_id: int
) -> Reply | None:
    group = await sessions_repo.get(session, session_id)
    today = deps.now().astimezone(deps.timezone).date()
    if (
        group is None
        or group.volunteer_id != person.id
        or group.opened_at.astimezone(deps.timezone).date() != today
    ):
        return None
    group.closed_at = None
    state = {"step": "note", "stage": "comments", "session_id": group.id, "reminded": True}
    await dialogues.save_state(session, person.id, state, deps.now())
    return Reply((Say("note.add_more", {"place": group.place}),), note_buttons(group.id, None))


async def close_stale(session: AsyncSession, deps: Deps, now: datetime) -> int:
    """Sessions left open for 3 hours close themselves; the volunteer is told through the outbox."""
    closed = 0
    for group in await sessions_repo.stale_open(session, now - OPEN_FOR):
        volunteer = await session.get(Person, group.volunteer_id) if group.volunteer_id else None
        count = await close_session(session, deps, group)
        closed += 1
        if volunteer is None:
            continue
        state = await dialogues.load_state(session, volunteer.id)
        if state.get("session_id") == group.id:
            await dialogues.save_state(session, volunteer.id, {}, now)
        if count:
            told = Reply.of("note.closed_itself", place=group.place, count=count)
            await delivery.enqueue(
                session, key=f"note-closed:{group.id}:{now:%Y%m%d%H%M}", kind="note",
                chat_id=volunteer.telegram_id, person_id=volunteer.id, now=now, reply=told,
                language=volunteer.language,
            )  # fmt: skip
    return closed


async def recent(session: AsyncSession, deps: Deps, telegram_id: int) -> Reply:
    """/sessions: the volunteer's last groups, with a way to add to one from today."""
    person = await people.find(session, telegram_id)
    if person is None:
        return Reply.of("note.only_volunteers")
    rows = await sessions_repo.recent_of(session, person.id)
    if not rows:
        return Reply.of("note.sessions_none")
    today = deps.now().astimezone(deps.timezone).date()
    lines = [Say("note.sessions_title")]
    buttons = []
    for group, count in rows:
        people_text = group.headcount_band or str(group.headcount)
        day = group.held_on.strftime("%a %-d %b")
        lines.append(
            Say(
                "note.session_line",
                {"date": day, "place": group.place, "count": count, "people": people_text},
            )
        )
        if (
            group.opened_at.astimezone(deps.timezone).date() == today
            and group.closed_at is not None
        ):
            buttons.append(
                Button(
                    Say("buttons.add_to", {"place": group.place}),
                    callbacks.encode("nadd", group.id),
                )
            )
    return Reply(tuple(lines), tuple(buttons))
