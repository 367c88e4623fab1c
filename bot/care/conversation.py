"""A way back to the person: "Write to them" on an alert, then the staff member's messages go to
the person from the team ("From the team at Age UK Sheffield: ..."), and the person's replies go
back to that staff member with their made-up name, never their Telegram name. Everything said
is kept with the flag (flag_messages); it ends with "End conversation" or after 48 hours.

Both sides' places are dialogue states (bot.core.talking), so a restart loses nothing; the
person's previous step (a question waiting) comes back when the conversation ends.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot import delivery
from bot.care.alerts import ALERT_PRIORITY, person_named
from bot.core import Button, Deps, Handled, Incoming, Reply, Say, buttons, dialogue, people, team_of
from storage.models import Comment, FlagFollowUp, Person, Project
from storage.repositories import follow_ups

TALK_FOR = timedelta(hours=48)
TEXT_CHARS = 3000


def _end_button(comment_id: int) -> Button:
    return Button(Say("buttons.end_talk"), buttons.encode(buttons.CareEnd(comment_id)))


async def _their_flag(session: AsyncSession, staff: Person, comment_id: int) -> Comment | None:
    """A flagged message of one person, in a project they are staff of (checked each time:
    they may have been taken off it)."""
    found = await team_of(session, staff.telegram_id)
    comment = await session.get(Comment, comment_id)
    allowed = {p.id for p in found.projects} if found else set()
    if comment is None or not comment.flagged or comment.person_id is None:
        return None
    return comment if comment.project_id in allowed else None


async def start(
    session: AsyncSession, deps: Deps, telegram_id: int, comment_id: int
) -> Reply | None:
    """ "Write to them": what they type next goes to the person."""
    staff = await people.find(session, telegram_id)
    comment = await _their_flag(session, staff, comment_id) if staff else None
    if staff is None or comment is None:
        return None
    state = dialogue.WritingToPerson(comment.id, deps.now() + TALK_FOR)
    await dialogue.save(session, staff.id, state, deps.now())
    who = await person_named(session, deps, comment.person_id)
    return Reply.of("care.write_what", person=who)


async def staff_writes(
    session: AsyncSession,
    deps: Deps,
    staff: Person,
    state: dialogue.WritingToPerson,
    incoming: Incoming,
) -> Handled:
    now = deps.now()
    comment = await _their_flag(session, staff, state.comment_id)
    them = await session.get(Person, comment.person_id) if comment and comment.person_id else None
    follow_up = await session.get(FlagFollowUp, state.comment_id)
    ended = (
        follow_up is not None and follow_up.talk_until is not None and follow_up.talk_until <= now
    )
    if comment is None or them is None or now >= state.until or ended:
        await dialogue.save(session, staff.id, None, now)
        return Handled(Reply.of("care.talk_over"))
    if not incoming.text or not incoming.text.strip():
        return Handled(Reply.of("care.write_words"))
    text = incoming.text.strip()[:TEXT_CHARS]
    follow_up = await follow_ups.of(session, comment.id)
    follow_up.writer_id, follow_up.talk_until = staff.id, state.until
    await follow_ups.add_message(session, comment.id, from_staff=True, text=text, now=now)
    previous = await dialogue.load(session, them.id)
    if isinstance(previous, dialogue.TalkingWithTeam):
        previous = previous.previous
    talking = dialogue.TalkingWithTeam(comment.id, state.until, previous)
    await dialogue.save(session, them.id, talking, now)
    project = await session.get(Project, comment.project_id)
    partner = project.partner.name if project else ""
    message = Reply(
        (Say("care.from_team", {"partner": partner, "text": text}),), (_end_button(comment.id),)
    )
    await delivery.enqueue(
        session, key=f"talk:{comment.id}:{incoming.chat_id}:{incoming.message_id}", kind="talk",
        chat_id=them.telegram_id, person_id=them.id, reply=message, priority=ALERT_PRIORITY,
        now=now, language=them.language,
    )  # fmt: skip
    who = await person_named(session, deps, them.id)
    return Handled(Reply.of("care.write_sent", (_end_button(comment.id),), person=who))


async def person_replies(
    session: AsyncSession,
    deps: Deps,
    person: Person,
    state: dialogue.TalkingWithTeam,
    incoming: Incoming,
) -> Handled | None:
    """Their reply, to the staff member writing; None once it is over (the message is then
    theirs as usual, and where they were before is where they are again)."""
    now = deps.now()
    follow_up = await session.get(FlagFollowUp, state.comment_id)
    writer = (
        await session.get(Person, follow_up.writer_id)
        if follow_up and follow_up.writer_id
        else None
    )
    comment = await session.get(Comment, state.comment_id)
    open_ = (
        follow_up is not None and follow_up.talk_until is not None and follow_up.talk_until > now
    )
    if writer is None or comment is None or not open_ or now >= state.until:
        await dialogue.save(session, person.id, state.previous, now)
        return None
    words = (
        incoming.text.strip()[:TEXT_CHARS] if incoming.text else deps.prompts.plain("care.voice")
    )
    await follow_ups.add_message(session, comment.id, from_staff=False, text=words, now=now)
    project = await session.get(Project, comment.project_id)
    who = await person_named(session, deps, person.id)
    values = {"person": who, "project": project.name if project else "", "text": words}
    await delivery.enqueue(
        session, key=f"talk:{comment.id}:{incoming.chat_id}:{incoming.message_id}", kind="alert",
        chat_id=writer.telegram_id, person_id=writer.id, priority=ALERT_PRIORITY, now=now,
        reply=Reply((Say("care.from_them", values),), (_end_button(comment.id),)),
    )  # fmt: skip
    partner = project.partner.name if project else ""
    return Handled(Reply.of("care.reply_sent", partner=partner))


async def end(session: AsyncSession, deps: Deps, telegram_id: int, comment_id: int) -> Reply | None:
    """ "End conversation", from either side: the other is told."""
    now = deps.now()
    presser = await people.find(session, telegram_id)
    follow_up = await session.get(FlagFollowUp, comment_id)
    comment = await session.get(Comment, comment_id)
    if presser is None or follow_up is None or comment is None or follow_up.talk_until is None:
        return None
    is_writer, is_person = follow_up.writer_id == presser.id, comment.person_id == presser.id
    if not (is_writer or is_person):
        return None
    if follow_up.talk_until <= now:
        return Reply.of("care.talk_over")
    follow_up.talk_until = now
    writer = await session.get(Person, follow_up.writer_id) if follow_up.writer_id else None
    them = await session.get(Person, comment.person_id) if comment.person_id else None
    if writer is not None:
        await _leave(session, writer, comment_id, now)
    if them is not None:
        await _leave(session, them, comment_id, now)
    project = await session.get(Project, comment.project_id)
    other = them if is_writer else writer
    if other is not None:
        say = (
            Say("care.talk_ended_by_team", {"partner": project.partner.name if project else ""})
            if is_writer
            else Say(
                "care.talk_ended_by_them", {"person": await person_named(session, deps, presser.id)}
            )
        )
        await delivery.enqueue(
            session, key=f"talk-end:{comment_id}:{now.timestamp():.3f}",
            kind="alert" if is_person else "talk", chat_id=other.telegram_id,
            person_id=other.id, reply=Reply((say,)), priority=ALERT_PRIORITY, now=now,
        )  # fmt: skip
    return Reply.of("care.talk_ended")


async def _leave(session: AsyncSession, person: Person, comment_id: int, now: datetime) -> None:
    """Out of this conversation: staff to no step, the person back where they were."""
    state = await dialogue.load(session, person.id)
    if isinstance(state, dialogue.WritingToPerson) and state.comment_id == comment_id:
        await dialogue.save(session, person.id, None, now)
    if isinstance(state, dialogue.TalkingWithTeam) and state.comment_id == comment_id:
        await dialogue.save(session, person.id, state.previous, now)
