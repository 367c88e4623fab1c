"""/sessions: a volunteer's recent groups, and adding more to one of today's."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import Button, Deps, NoteStage, Reply, Say, buttons, dialogue, people
from bot.relay.notes import note_buttons
from storage.models import GroupSession
from storage.repositories import sessions as sessions_repo


async def recent(session: AsyncSession, deps: Deps, telegram_id: int) -> Reply:
    """/sessions: the volunteer's last groups, with a way to add to one from today."""
    person = await people.find(session, telegram_id)
    if person is None:
        return Reply.of("note.only_volunteers")
    rows = await sessions_repo.recent_of(session, person.id)
    if not rows:
        return Reply.of("note.sessions_none")
    lines = [Say("note.sessions_title")]
    add: list[Button] = []
    for group, count in rows:
        people_text = group.headcount_band or str(group.headcount)
        day = group.held_on.strftime("%a %-d %b")
        lines.append(
            Say(
                "note.session_line",
                {"date": day, "place": group.place, "count": count, "people": people_text},
            )
        )
        if _opened_today(deps, group) and group.closed_at is not None:
            label = Say("buttons.add_to", {"place": group.place})
            add.append(Button(label, buttons.encode(buttons.NoteAddMore(group.id))))
    return Reply(tuple(lines), tuple(add))


def _opened_today(deps: Deps, group: GroupSession) -> bool:
    """Opened today, where the group meets (a session can be added to on the day only)."""
    tz = deps.project_timezone(group.project)
    return group.opened_at.astimezone(tz).date() == deps.project_today(group.project)


async def add_more(
    session: AsyncSession, deps: Deps, telegram_id: int, session_id: int
) -> Reply | None:
    """Reopen one of today's sessions (from /sessions); None if it is not theirs or not today's."""
    person = await people.find(session, telegram_id)
    group = await sessions_repo.get(session, session_id) if person else None
    if (
        person is None
        or group is None
        or group.volunteer_id != person.id
        or not _opened_today(deps, group)
    ):
        return None
    group.closed_at = None
    state = dialogue.Noting(NoteStage.COMMENTS, session_id=group.id, reminded=True)
    await dialogue.save(session, person.id, state, deps.now())
    return Reply((Say("note.add_more", {"place": group.place}),), note_buttons(group.id, None))
