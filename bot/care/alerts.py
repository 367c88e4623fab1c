"""What staff are told at once: a message that may mean danger, and what came of the help."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot import delivery
from bot.core import Button, Deps, Kept, Reply, Say, buttons
from bot.language import Concern
from storage.models import Channel, Comment, GroupSession, Person, Project, Role
from storage.repositories import digests
from storage.repositories.digests import Recipient

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
        key = "care.alert_team" if comment.by_team else "care.alert_group"
        alert = Reply.of(key, project=project.name, place=place, topic=topic, text=words)
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
    project = await session.get(Project, project_id)
    emailed = emailed_alert("mail.alert", project.name if project else "")
    for staff in await digests.recipients(session, Role.STAFF, project_id):
        await queue_alert(session, deps.now(), staff, f"{key}:to:{staff.person_id}", alert, emailed)


def emailed_alert(key: str, project: str) -> Reply:
    """An alert as an email: never the person's words, their name or number (an inbox is not
    as safe as Telegram), only that someone may need help and to open Natter."""
    return Reply((Say(key, {"project": project}),), subject=Say("mail.subject.alert"))


async def queue_alert(
    session: AsyncSession, now: datetime, to: Recipient, key: str, alert: Reply, emailed: Reply
) -> None:
    """`alert` in Telegram and/or `emailed` by email, as they chose, before anything else."""
    for channel in delivery.channels_for(to):
        await delivery.enqueue(
            session, key=key if channel is Channel.TELEGRAM else f"{key}:email", kind="alert",
            chat_id=to.chat_id, person_id=to.person_id, priority=ALERT_PRIORITY, now=now,
            reply=alert if channel is Channel.TELEGRAM else emailed, channel=channel,
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
