"""The rows the daily retention sweep removes, as rules that can be counted or applied."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, delete, exists, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage import purge
from storage.models import (
    Base,
    Comment,
    DeadLetter,
    Dialogue,
    EarlySign,
    GroupSession,
    Outbox,
    OutboxStatus,
    Person,
    WebSignIn,
)

# Outbox rows in these states are finished with; they still hold the message's text.
FINISHED = (
    OutboxStatus.SENT,
    OutboxStatus.FAILED,
    OutboxStatus.SKIPPED,
    OutboxStatus.UNREACHABLE,
)


# Tables whose rows go with a rule's (ON DELETE CASCADE), to clean out of the files too.
CASCADED = {"comments": ("flag_follow_ups", "flag_messages")}


@dataclass(frozen=True, slots=True)
class Rule:
    table: str
    model: type[Base]
    where: tuple[ColumnElement[bool], ...]


def rules(
    said_before: datetime,
    idle_before: datetime,
    sent_before: datetime,
    failed_before: datetime,
    now: datetime,
) -> list[Rule]:
    """In the order they run: comments first, so a group session they leave empty goes too."""
    recent_note = exists().where(
        Comment.group_session_id == GroupSession.id, Comment.created_at >= said_before
    )
    return [
        # Deleting a comment deletes its words and its voice file id.
        Rule("comments", Comment, (Comment.created_at < said_before,)),
        Rule("group_sessions", GroupSession, (GroupSession.opened_at < said_before, ~recent_note)),
        Rule("dialogues", Dialogue, (Dialogue.updated_at < idle_before,)),
        Rule("early_signs", EarlySign, (EarlySign.noted_at < said_before,)),
        Rule("outbox", Outbox, (Outbox.status.in_(FINISHED), Outbox.created_at < sent_before)),
        # By the last failure: an update still being sent again is kept while it is.
        Rule("dead_letters", DeadLetter, (DeadLetter.last_failed_at < failed_before,)),
        # A web session past its hours (its link's nonce need not be kept: the link is dead too).
        Rule("web_sign_ins", WebSignIn, (WebSignIn.expires_at <= now,)),
    ]


async def count(session: AsyncSession, rule: Rule) -> int:
    found = await session.scalar(select(func.count()).select_from(rule.model).where(*rule.where))
    return int(found or 0)


async def apply(session: AsyncSession, rule: Rule) -> int:
    """Delete what the rule matches; returns how many rows went. Once the sweep commits, the
    unit of work cleans them out of the files too (storage.purge)."""
    matched = await count(session, rule)
    purge.request(session, [rule.table, *CASCADED.get(rule.table, ())] if matched else [])
    if matched:
        await session.execute(
            delete(rule.model).where(*rule.where).execution_options(synchronize_session=False)
        )
    return matched


async def never_consented(session: AsyncSession) -> Sequence[Person]:
    return (
        await session.scalars(
            select(Person).where(or_(Person.consent_version == "", Person.consented_at.is_(None)))
        )
    ).all()
