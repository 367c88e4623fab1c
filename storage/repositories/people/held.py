"""Everything held about one person, for /mydata."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import (
    Comment,
    DeadLetter,
    Dialogue,
    EarlySign,
    FlagFollowUp,
    FlagMessage,
    GroupSession,
    Membership,
    Outbox,
    Person,
    ProgrammeQuestion,
    QuestionAsked,
    Response,
)
from storage.repositories.people.memberships import memberships


@dataclass(frozen=True, slots=True)
class Held:
    """Every row about one person, for /mydata (a test checks each table shows up)."""

    person: Person
    memberships: Sequence[Membership]
    comments: Sequence[Comment]
    replies: dict[int, Response]  # staff replies to their comments, by id
    asked: Sequence[tuple[QuestionAsked, ProgrammeQuestion]]  # programme questions put to them
    outbox: Sequence[Outbox]  # messages to them, waiting or kept for a while after sending
    dialogue: Dialogue | None
    sessions: Sequence[tuple[GroupSession, int]]  # groups they noted, with how many notes
    questions_written: Sequence[ProgrammeQuestion]  # programme questions they asked
    replies_written: Sequence[Response]  # replies they wrote as staff
    failed: Sequence[DeadLetter]  # updates from their chat that failed (ids and times only)
    # What followed their flagged messages (their answer, a number), and the conversation
    # with the team about each, by comment id; the flags they wrote about as staff.
    follow_ups: dict[int, FlagFollowUp]
    talks: dict[int, list[FlagMessage]]
    wrote_as_team: Sequence[FlagFollowUp]
    early_signs: Sequence[EarlySign]  # times they were put on the "worth a call" list


async def held_about(session: AsyncSession, person: Person) -> Held:
    comments = (
        await session.scalars(
            select(Comment)
            .where(Comment.person_id == person.id)
            .order_by(Comment.created_at, Comment.id)
        )
    ).all()
    reply_ids = {c.response_id for c in comments if c.response_id is not None}
    replies = (await session.scalars(select(Response).where(Response.id.in_(reply_ids)))).all()
    asked = await session.execute(
        select(QuestionAsked, ProgrammeQuestion)
        .join(ProgrammeQuestion, ProgrammeQuestion.id == QuestionAsked.question_id)
        .where(QuestionAsked.person_id == person.id)
        .order_by(QuestionAsked.asked_at)
    )
    outbox = await session.scalars(
        select(Outbox)
        .where(or_(Outbox.person_id == person.id, Outbox.chat_id == person.telegram_id))
        .order_by(Outbox.created_at, Outbox.id)
    )
    notes = (
        select(func.count()).where(Comment.group_session_id == GroupSession.id).scalar_subquery()
    )
    groups = await session.execute(
        select(GroupSession, notes)
        .where(GroupSession.volunteer_id == person.id)
        .order_by(GroupSession.held_on, GroupSession.id)
    )
    written = await session.scalars(
        select(ProgrammeQuestion)
        .where(ProgrammeQuestion.asked_by == person.id)
        .order_by(ProgrammeQuestion.created_at)
    )
    answered = await session.scalars(
        select(Response).where(Response.staff_id == person.id).order_by(Response.created_at)
    )
    ids = [c.id for c in comments]
    followed = await session.scalars(select(FlagFollowUp).where(FlagFollowUp.comment_id.in_(ids)))
    talks: dict[int, list[FlagMessage]] = {}
    said = await session.scalars(
        select(FlagMessage).where(FlagMessage.comment_id.in_(ids)).order_by(FlagMessage.id)
    )
    for message in said:
        talks.setdefault(message.comment_id, []).append(message)
    wrote = await session.scalars(select(FlagFollowUp).where(FlagFollowUp.writer_id == person.id))
    return Held(
        follow_ups={f.comment_id: f for f in followed},
        talks=talks,
        wrote_as_team=wrote.all(),
        early_signs=(
            await session.scalars(
                select(EarlySign).where(EarlySign.person_id == person.id).order_by(EarlySign.id)
            )
        ).all(),
        person=person,
        memberships=await memberships(session, person.id),
        comments=comments,
        replies={r.id: r for r in replies},
        asked=[(a, q) for a, q in asked.tuples()],
        outbox=outbox.all(),
        dialogue=await session.get(Dialogue, person.id),
        sessions=[(g, int(n or 0)) for g, n in groups.tuples()],
        questions_written=written.all(),
        replies_written=answered.all(),
        failed=(
            await session.scalars(
                select(DeadLetter)
                .where(DeadLetter.chat_id == person.telegram_id)
                .order_by(DeadLetter.first_failed_at, DeadLetter.id)
            )
        ).all(),
    )
