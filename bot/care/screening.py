"""Safeguarding: a message that sounds like danger gets help at once, and staff an alert at once.

Every message a person sends is screened, whether or not it is kept. A kept one is flagged: it is
left out of digest quotes and spreadsheets until a staff member has looked at it (/flagged).
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy.ext.asyncio import AsyncSession

from bot import delivery
from bot.core import (
    Button,
    Deps,
    Handled,
    Incoming,
    Kept,
    Reply,
    Say,
    buttons,
    dialogue,
    not_for,
    pages,
    people,
    team_of,
)
from bot.language import Concern
from storage.models import Comment, GroupSession, Person, Project, Role
from storage.repositories import digests, flags
from storage.repositories import people as people_repo

ALERT_PRIORITY = 0  # before anything else waiting in the outbox
# Of someone's words in one part of /flagged: with the date, the name and the project it fits a
# Telegram message (4,096), so the renderer never has to cut any of it (bot.core.fitting).
QUOTE_UNITS = 3500


async def screen(
    session: AsyncSession,
    deps: Deps,
    incoming: Incoming,
    handled: Handled,
    person_id: int | None,
    *,
    edit: bool = False,
) -> Reply | None:
    """Put help first in the reply if the message sounds like danger; flag it and alert staff.

    What handling the message kept, and who sent it (None: a stranger), are handed on, so
    nothing is read again: only the project (for the help and the alert) is looked up.
    An `edit` is new words to look at, even in a message flagged and looked at before: it goes
    back among those waiting (/flagged, and out of the digest), with an alert of its own.
    """
    reply, kept = handled.reply, handled.kept
    concerns = deps.words.safeguarding.concerns(incoming.text) if incoming.text else []
    if not concerns:
        return reply
    project = await _project_of(session, kept, person_id)
    if kept is not None and (edit or not kept.flagged):
        await flags.flag(session, kept.id, concerns[0].topic, again=edit)
        if project is not None:
            key = (
                f"alert:{kept.id}:edit:{deps.now().timestamp():.3f}" if edit else f"alert:{kept.id}"
            )
            await _alert(session, deps, kept, project, concerns[0], key)
    if not deps.throttle.first_help(incoming.telegram_id, deps.now()):
        return reply  # a burst of worrying messages gets one help reply (each is flagged)
    help_text = _help(project)
    if reply is None:
        return Reply((help_text,), urgent=True)
    return replace(reply, parts=(help_text, *reply.parts), urgent=True)


async def _project_of(
    session: AsyncSession, kept: Kept | None, person_id: int | None
) -> Project | None:
    """The kept comment's project, else the sender's first (a comment still waiting for them
    to say which project, a message that was not kept, or one sent again)."""
    if kept is not None and kept.project is not None:
        return kept.project
    if kept is not None and kept.project_id is not None:
        return await session.get(Project, kept.project_id)
    if person_id is None:
        return None
    found = [m.project for m in await people_repo.memberships(session, person_id) if m.project]
    return found[0] if found else None


def _help(project: Project | None) -> Say:
    if project is None:
        return Say("care.help_stranger")
    partner = project.partner
    if partner.contact:
        return Say("care.help", {"partner": partner.name, "contact": partner.contact})
    return Say("care.help_no_contact", {"partner": partner.name})


async def _alert(
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
        person = await session.get(Person, comment.person_id) if comment.person_id else None
        # Their name whole ("Person K7"), so /forget can take it out of an alert still queued.
        who = deps.prompts.plain("digest.person", pseudonym=person.pseudonym if person else "?")
        alert = Reply.of("care.alert", person=who, project=project.name, topic=topic, text=words)
    for staff in await digests.recipients(session, Role.STAFF, project.id):
        await delivery.enqueue(
            session, key=f"{key}:to:{staff.person_id}", kind="alert",
            chat_id=staff.chat_id, person_id=staff.person_id, reply=alert,
            priority=ALERT_PRIORITY, now=deps.now(),
        )  # fmt: skip


async def flagged(session: AsyncSession, deps: Deps, telegram_id: int) -> Reply:
    """/flagged: messages that need a look, each with "Mark as looked at"; only a project's
    own staff see its flagged words (the programme team only totals, PRIVACY.md)."""
    found = await team_of(session, telegram_id)
    if found is None or not found.projects:
        return not_for(found)
    waiting = await flags.unreviewed(session, [p.id for p in found.projects])
    if not waiting:
        return Reply.of("care.flagged_none")
    lines = [Say("care.flagged_title", {"count": len(waiting)})]
    marks: list[Button] = []
    for number, comment in enumerate(waiting, start=1):
        lines += await _lines(session, deps, comment)
        label = Say("buttons.reviewed_n", {"number": number})
        marks.append(Button(label, buttons.encode(buttons.MarkReviewed(comment.id))))
    return Reply(tuple(lines), tuple(marks))


async def _lines(session: AsyncSession, deps: Deps, comment: Comment) -> list[Say]:
    """One flagged message, every word of it: a long one goes on in parts that each fit a
    Telegram message, so nothing is cut short for the people who must read it all."""
    first, *rest = pages(comment.text or _spoken(deps, comment), QUOTE_UNITS)
    words = {
        "date": deps.local(comment.created_at),
        "project": comment.project.name if comment.project else "",
        "text": deps.prompts.plain("general.trimmed", text=first) if rest else first,
    }
    if comment.group_session_id is not None:
        group = await session.get(GroupSession, comment.group_session_id)
        line = Say("care.flagged_group", {**words, "place": group.place if group else ""})
    else:
        person = await session.get(Person, comment.person_id) if comment.person_id else None
        line = Say("care.flagged_line", {**words, "pseudonym": person.pseudonym if person else "?"})
    parts = len(rest) + 1
    more = [
        Say("care.flagged_more", {"part": n, "parts": parts, "text": page})
        for n, page in enumerate(rest, start=2)
    ]
    return [line, *more]


def _spoken(deps: Deps, comment: Comment) -> str:
    """A voice note's words (every word, however sure: staff must read a worrying one)."""
    if comment.transcript:
        return deps.prompts.plain("voice.spoken", text=comment.transcript)
    return deps.prompts.plain("care.voice")


async def reviewed(
    session: AsyncSession, deps: Deps, telegram_id: int, comment_id: int
) -> Reply | None:
    """Mark a flagged message as looked at; the next thing they type is kept as a note."""
    found = await team_of(session, telegram_id)
    staff = await people.find(session, telegram_id)
    if found is None or staff is None or not found.projects:
        return not_for(found)
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
    state = dialogue.WritingReviewNote(comment.id)
    await dialogue.save(session, staff.id, state, deps.now())
    return Reply.of("care.reviewed")


async def review_note(
    session: AsyncSession,
    deps: Deps,
    person: Person,
    state: dialogue.WritingReviewNote,
    incoming: Incoming,
) -> Handled:
    """The note after "Mark as looked at", kept only while they are staff of the comment's
    project (they may have been taken off it meanwhile)."""
    comment = await session.get(Comment, state.comment_id)
    await dialogue.save(session, person.id, None, deps.now())
    found = await team_of(session, person.telegram_id)
    allowed = {p.id for p in found.projects} if found else set()
    if comment is None or comment.project_id not in allowed:
        return Handled(Reply.of("care.note_not_kept"))
    if incoming.text:
        comment.review_note = incoming.text.strip()[:2000]
    return Handled(Reply.of("care.note_saved"))
