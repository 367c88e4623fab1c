"""Safeguarding: a message that sounds like danger gets help at once, and staff an alert at once.

Every message a person sends is screened, whether or not it is kept. A kept one is flagged: it is
left out of digest quotes and spreadsheets until a staff member has looked at it (/flagged).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import Button, Deps, Incoming, Reply, Say, people, team_of
from bot.core import button_data as callbacks
from bot.language import Concern
from storage.models import Comment, GroupSession, Person, Project, Role
from storage.repositories import comments, dialogues, digests, flags, outbox
from storage.repositories import people as people_repo

ALERT_PRIORITY = 0  # before anything else waiting in the outbox
NOTE_STEP = "review_note"


async def screen(
    session: AsyncSession, deps: Deps, incoming: Incoming, reply: Reply | None
) -> Reply | None:
    """Put help first in the reply if the message sounds like danger; flag it and alert staff."""
    concerns = deps.words.safeguarding.concerns(incoming.text) if incoming.text else []
    if not concerns:
        return reply
    comment = await comments.comment_by_message(session, incoming.chat_id, incoming.message_id)
    project = await _project_of(session, comment, incoming.telegram_id)
    if comment is not None and not comment.flagged:
        comment.flagged, comment.flag_topic = True, concerns[0].topic
        if project is not None:
            await _alert(session, deps, comment, project, concerns[0])
    help_text = _help(project)
    if reply is None:
        return Reply((help_text,))
    return replace(reply, parts=(help_text, *reply.parts))


async def _project_of(
    session: AsyncSession, comment: Comment | None, telegram_id: int
) -> Project | None:
    if comment is not None and comment.project is not None:
        return comment.project
    person = await people.find(session, telegram_id)
    if person is None:
        return None
    found = [m.project for m in await people_repo.memberships(session, person.id) if m.project]
    return found[0] if found else None


def _help(project: Project | None) -> Say:
    if project is None:
        return Say("care.help_stranger")
    partner = project.partner
    if partner.contact:
        return Say("care.help", {"partner": partner.name, "contact": partner.contact})
    return Say("care.help_no_contact", {"partner": partner.name})


async def _alert(
    session: AsyncSession, deps: Deps, comment: Comment, project: Project, concern: Concern
) -> None:
    topic = deps.prompts.plain(f"care.topic.{concern.topic}")
    words = comment.text or deps.prompts.plain("care.voice")
    if comment.group_session_id is not None:
        group = await session.get(GroupSession, comment.group_session_id)
        place = group.place if group else ""
        text = deps.prompts.text(
            "care.alert_group", project=project.name, place=place, topic=topic, text=words
        )
    else:
        person = await session.get(Person, comment.person_id) if comment.person_id else None
        pseudonym = person.pseudonym if person else "?"
        text = deps.prompts.text(
            "care.alert", pseudonym=pseudonym, project=project.name, topic=topic, text=words
        )
    for staff in await digests.recipients(session, Role.STAFF, project.id):
        await outbox.enqueue(
            session, key=f"alert:{comment.id}:to:{staff.person_id}", kind="alert",
            chat_id=staff.chat_id, person_id=staff.person_id, text=text,
            priority=ALERT_PRIORITY, now=deps.now(),
        )  # fmt: skip


async def flagged(session: AsyncSession, deps: Deps, telegram_id: int) -> Reply:
    """/flagged: messages that need a look, each with "Mark as looked at"."""
    found = await team_of(session, telegram_id)
    if found is None:
        return Reply.of("team.only")
    waiting = await flags.unreviewed(session, [p.id for p in found.projects])
    if not waiting:
        return Reply.of("care.flagged_none")
    lines = [Say("care.flagged_title", {"count": len(waiting)})]
    buttons = []
    for number, comment in enumerate(waiting, start=1):
        lines.append(await _line(session, deps, comment))
        label = Say("buttons.reviewed_n", {"number": number})
        buttons.append(Button(label, callbacks.encode("flg", comment.id)))
    return Reply(tuple(lines), tuple(buttons))


async def _line(session: AsyncSession, deps: Deps, comment: Comment) -> Say:
    words = {
        "date": deps.local(comment.created_at),
        "project": comment.project.name if comment.project else "",
        "text": comment.text or deps.prompts.plain("care.voice"),
    }
    if comment.group_session_id is not None:
        group = await session.get(GroupSession, comment.group_session_id)
        return Say("care.flagged_group", {**words, "place": group.place if group else ""})
    person = await session.get(Person, comment.person_id) if comment.person_id else None
    return Say("care.flagged_line", {**words, "pseudonym": person.pseudonym if person else "?"})


async def reviewed(
    session: AsyncSession, deps: Deps, telegram_id: int, comment_id: int
) -> Reply | None:
    """Mark a flagged message as looked at; the next thing they type is kept as a note."""
    found = await team_of(session, telegram_id)
    staff = await people.find(session, telegram_id)
    if found is None or staff is None:
        return Reply.of("team.only")
    comment = await session.get(Comment, comment_id)
    allowed = {p.id for p in found.projects}
    if (
        comment is None
        or not comment.flagged
        or comment.reviewed_at
        or comment.project_id not in allowed
    ):
        return None
    comment.reviewed_at = deps.now()
    await dialogues.save_state(
        session, staff.id, {"step": NOTE_STEP, "comment_id": comment.id}, deps.now()
    )
    return Reply.of("care.reviewed")


def is_noting(state: dict[str, Any]) -> bool:
    return state.get("step") == NOTE_STEP


async def review_note(
    session: AsyncSession, deps: Deps, person: Person, state: dict[str, Any], text: str | None
) -> Reply:
    comment = await session.get(Comment, int(state["comment_id"]))
    await dialogues.save_state(session, person.id, {}, deps.now())
    if comment is not None and text:
        comment.review_note = text.strip()[:2000]
    return Reply.of("care.note_saved")
