"""What staff are told at once: a message that may mean danger, and what came of the help."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot import delivery
from bot.core import Button, Deps, Kept, Reply, Say, buttons
from bot.language import Concern
from storage.models import Comment, GroupSession, Person, Project, Role
from storage.repositories import digests

ALERT_PRIORITY = 0  # before anything else waiting in the outbox


async def alert_staff(
    session: AsyncSession, deps: Deps, comment: Kept, project: Project, concern: Concern, key: str
) -> None:
    topic = deps.prompts.plain(f"care.topic.{concern.topic}")
    words = comment.text or deps.prompts.plain("care.voice")
    if comment.group_session_id is not None:
        place = comment.place
        if place is None:
            group = await session.get(GroupSession, comment.group_session_id)
            place = group.place if group else ""
        alert = Reply.of(
            "care.alert_group", project=project.name, place=place, topic=topic, text=words
        )
    else:
        who = await person_named(session, deps, comment.person_id)
        write = Button(Say("buttons.write"), buttons.encode(buttons.CareWrite(comment.id)))
        alert = Reply.of(
            "care.alert", (write,), person=who, project=project.name, topic=topic, text=words
        )
    await tell_staff(session, deps, project.id, alert, key)


async def person_named(session: AsyncSession, deps: Deps, person_id: int | None) -> str:
    """Their made-up name whole ("Person K7"), so /forget can take it out of an alert still
    queued; never their Telegram name."""
    person = await session.get(Person, person_id) if person_id else None
    return deps.prompts.plain("digest.person", pseudonym=person.pseudonym if person else "?")


async def tell_staff(
    session: AsyncSession, deps: Deps, project_id: int, alert: Reply, key: str
) -> None:
    """Queue `alert` for each of the project's staff, before anything else in the outbox."""
    for staff in await digests.recipients(session, Role.STAFF, project_id):
        await delivery.enqueue(
            session, key=f"{key}:to:{staff.person_id}", kind="alert",
            chat_id=staff.chat_id, person_id=staff.person_id, reply=alert,
            priority=ALERT_PRIORITY, now=deps.now(),
        )  # fmt: skip


async def about_them(
    session: AsyncSession, deps: Deps, comment: Comment, key: str, **values: str
) -> None:
    """Tell the flag's project's staff `key` about its writer (their answer, their number)."""
    if comment.project_id is None:
        return
    project = await session.get(Project, comment.project_id)
    who = await person_named(session, deps, comment.person_id)
    name = project.name if project else ""
    alert = Reply((Say(key, {"person": who, "project": name, **values}),))
    stamp = f"{deps.now().timestamp():.3f}"
    await tell_staff(session, deps, comment.project_id, alert, f"{key}:{comment.id}:{stamp}")
