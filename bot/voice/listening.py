"""Staff's "please listen" list: voice notes Natter could not be sure of (unsure, "Not quite", or
not heard at all), from anyone, each with a Listen button that sends staff the voice note itself.
A weak engine must never mean an unheard cry for help."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import Button, Deps, Reply, Say, buttons, not_for, team_of
from storage.models import Comment, GroupSession, Person
from storage.repositories import voice as voice_repo


async def to_listen(session: AsyncSession, deps: Deps, telegram_id: int) -> Reply:
    """/listen: the project's notes waiting to be listened to, oldest first."""
    found = await team_of(session, telegram_id)
    if found is None or not found.projects:
        return not_for(found)
    waiting = await voice_repo.to_listen(session, [p.id for p in found.projects])
    if not waiting:
        return Reply.of("voice.listen_none")
    lines = [Say("voice.listen_title", {"count": len(waiting)})]
    listens: list[Button] = []
    for number, comment in enumerate(waiting, start=1):
        lines.append(await _line(session, deps, number, comment))
        label = Say("voice.buttons.listen", {"number": number})
        listens.append(Button(label, buttons.encode(buttons.Listen(comment.id)), number % 3 != 1))
    return Reply(tuple(lines), tuple(listens))


async def _line(session: AsyncSession, deps: Deps, number: int, comment: Comment) -> Say:
    status = comment.transcript_status.value if comment.transcript_status else "failed"
    said = deps.prompts.plain(f"voice.status.{status}")
    heard = deps.prompts.plain("voice.listen_nothing")
    if comment.transcript:
        heard = deps.prompts.plain("voice.listen_heard", text=comment.transcript, status=said)
    words = {
        "number": number,
        "date": deps.local(comment.created_at),
        "project": comment.project.name if comment.project else "",
        "seconds": comment.voice_seconds or 0,
        "heard": heard,
    }
    if comment.group_session_id is not None:
        group = await session.get(GroupSession, comment.group_session_id)
        return Say("voice.listen_group", {**words, "place": group.place if group else ""})
    person = await session.get(Person, comment.person_id) if comment.person_id else None
    return Say("voice.listen_line", {**words, "pseudonym": person.pseudonym if person else "?"})


async def listen(
    session: AsyncSession, deps: Deps, telegram_id: int, comment_id: int
) -> Reply | None:
    """Send the voice note itself to one of its project's staff (by Telegram's file id: the
    audio never passes through Natter), and take it off the list."""
    found = await team_of(session, telegram_id)
    if found is None or not found.projects:
        return not_for(found)
    comment = await session.get(Comment, comment_id)
    allowed = {p.id for p in found.projects}
    if comment is None or comment.project_id not in allowed or comment.voice_file_id is None:
        return Reply.of("voice.listen_gone")
    voice_repo.listened(comment, deps.now())
    return Reply((), voice=comment.voice_file_id, keep_buttons=True)
