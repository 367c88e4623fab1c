"""Closing the loop: telling the people who made a suggestion what staff said about it."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot import delivery
from bot.core import Deps, Reply, Say
from storage.models import Comment, GroupSession, Outcome, Person, Project, Response, Role
from storage.repositories import responses

SAID_CHARS = 300
REPLY_PRIORITY = 50  # before digests, after urgent alerts


def trim(text: str, limit: int = SAID_CHARS) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rsplit(" ", 1)[0] + "…"


def message_for(
    comment: Comment, response: Response, project: Project, place: str | None
) -> list[Say]:
    """The words one contributor receives, as prompt keys (rendered when sent)."""
    words = comment.text or comment.spoken_words  # a voice note's words, heard well
    if place is None:
        said = Say("youdid.you_said", {"said": trim(words)}) if words else Say("youdid.your_voice")
    else:
        said = (
            Say("youdid.group_said", {"place": place, "said": trim(words)})
            if words
            else Say("youdid.group_voice", {"place": place})
        )
    parts = [
        said,
        Say(f"youdid.{response.outcome.value}", {"project": project.name, "reply": response.text}),
    ]
    if response.outcome is Outcome.CANNOT and response.reason:
        parts.append(Say("youdid.because", {"reason": response.reason}))
    parts.append(Say("youdid.read_out" if place else "youdid.thanks"))
    if response.version > 1:
        parts.insert(0, Say("youdid.again"))
    return parts


async def recipients(
    session: AsyncSession, comments: list[Comment], project: Project
) -> list[tuple[Person, Comment, str | None]]:
    """Who to tell: each contributor once (about their first comment); the volunteer for a group.

    People who used /forget are gone with their comments; those who sent /stop are skipped
    when the message is sent; people who left the project are not told. What the team heard
    and did themselves (/did) has nobody to tell: no contributor, no volunteer.
    """
    found: dict[int, tuple[Person, Comment, str | None]] = {}
    for comment in comments:
        if comment.person_id is not None:
            person = await session.get(Person, comment.person_id)
            if person and await responses.is_member(
                session, person.id, project.id, Role.PARTICIPANT
            ):
                found.setdefault(person.id, (person, comment, None))
        elif comment.group_session_id is not None:
            group = await session.get(GroupSession, comment.group_session_id)
            volunteer = (
                await session.get(Person, group.volunteer_id)
                if group and group.volunteer_id
                else None
            )
            if group and volunteer and not group.by_team:
                found.setdefault(volunteer.id, (volunteer, comment, group.place))
    return list(found.values())


async def queue_messages(
    session: AsyncSession, deps: Deps, response: Response, project: Project
) -> int:
    """Queue one message per contributor through the outbox; returns how many."""
    comments = list(await responses.answered_by(session, response.id))
    people = await recipients(session, comments, project)
    for person, comment, place in people:
        parts = message_for(comment, response, project, place)
        await delivery.enqueue(
            session, key=f"youdid:{response.id}:v{response.version}:to:{person.id}", kind="reply",
            chat_id=person.telegram_id, person_id=person.id, reply=Reply(tuple(parts)),
            language=person.language, priority=REPLY_PRIORITY, now=deps.now(),
        )  # fmt: skip
    return len(people)
