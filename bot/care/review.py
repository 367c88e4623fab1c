"""/flagged: messages that need a look, and staff marking them looked at (with a note)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import (
    Button,
    Deps,
    Handled,
    Incoming,
    Reply,
    Say,
    buttons,
    dialogue,
    not_for,
    pages,
    people,
    team_of,
)
from storage.models import Comment, FlagFollowUp, GroupSession, Person
from storage.repositories import early_signs, flags, follow_ups

# Of someone's words in one part of /flagged: with the date, the name and the project it fits a
# Telegram message (4,096), so the renderer never has to cut any of it (bot.core.fitting).
QUOTE_UNITS = 3500


async def flagged(session: AsyncSession, deps: Deps, telegram_id: int) -> Reply:
    """/flagged: messages that need a look, each with "Looked at" (and, for a person's own,
    "Write to them"), then the people worth a call; only a project's own staff see them (the
    programme team only totals)."""
    found = await team_of(session, telegram_id)
    if found is None or not found.projects:
        return not_for(found)
    ids = [p.id for p in found.projects]
    waiting = await flags.unreviewed(session, ids)
    calls = await early_signs.waiting(session, ids)
    if not waiting and not calls:
        return Reply.of("care.flagged_none")
    lines: list[Say] = []
    marks: list[Button] = []
    if waiting:
        lines.append(Say("care.flagged_title", {"count": len(waiting)}))
    for number, comment in enumerate(waiting, start=1):
        lines += await _lines(session, deps, comment)
        label = Say("buttons.reviewed_n", {"number": number})
        marks.append(Button(label, buttons.encode(buttons.MarkReviewed(comment.id))))
        if comment.person_id is not None and comment.group_session_id is None:
            # The way back to them from here too: staff who joined after the alert never had it.
            write = Say("buttons.write_n", {"number": number})
            marks.append(Button(write, buttons.encode(buttons.CareWrite(comment.id))))
    if calls:
        lines.append(Say("care.worth_title", {"count": len(calls)}))
    for number, (sign, pseudonym) in enumerate(calls, start=1):
        why = deps.prompts.plain(f"care.worth_why.{sign.reason}")
        when = deps.local(sign.noted_at)
        lines.append(Say("care.worth_line", {"pseudonym": pseudonym, "why": why, "date": when}))
        label = Say("buttons.called_n", {"number": number})
        marks.append(Button(label, buttons.encode(buttons.CareCalled(sign.id))))
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
    follow_up = await session.get(FlagFollowUp, comment.id)
    said: list[Say] = []
    if follow_up is not None and follow_up.answer:
        said.append(Say(f"care.flagged_answer_{follow_up.answer}"))
    if follow_up is not None and follow_up.phone:
        said.append(Say("care.flagged_phone", {"phone": follow_up.phone}))
    return [line, *more, *said]


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
    await follow_ups.clear_number(session, comment.id)  # kept only while the flag is open
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


def _spoken(deps: Deps, comment: Comment) -> str:
    """A voice note's words (every word, however sure: staff must read a worrying one)."""
    if comment.transcript:
        return deps.prompts.plain("voice.spoken", text=comment.transcript)
    return deps.prompts.plain("care.voice")
