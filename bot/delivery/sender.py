"""Delivering the outbox: one message at a time, paced, with Telegram's errors handled.

Exactly-once: each row is claimed (status `sending`, a lease) and committed before the call to
Telegram, and marked `sent` right after. A crash between the two leaves one row `sending`; when
its lease ends it is sent again. So the only possible duplicate is the one message in flight.
A row that makes several Telegram messages (a long text) sends one per claim, its progress
recorded after each, so that still holds, and each one is paced.

Email rows go the same way (claim, send, record), so what "exactly once" covers for SMTP is
narrower: a row is handed to the mail server at least once, and more than once only if Natter
stops between the server's 250 to DATA and the row being marked sent. Every try carries the
same Message-ID (made from the outbox key, bot.mail), so a resend is recognisable and can be
dropped as a duplicate by anyone who looks; what the server and the mail beyond it do after
accepting a message (delivering, bouncing later) is outside what Natter can see.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum
from typing import Protocol

from bot.core import Clock, Reply, UnreadableReply, people, reply_from_json
from bot.delivery.pacing import Pacer, Urgency
from storage.db import Database
from storage.models import Channel, OutboxStatus, Person
from storage.repositories import outbox

log = logging.getLogger(__name__)
LEASE = timedelta(seconds=60)
MAX_ATTEMPTS = 8
MAX_BACKOFF = timedelta(hours=1)
IDLE_POLL = 0.1
URGENT_PRIORITY = 0  # alerts (bot.care) are queued at this priority


class Outcome(Enum):
    """What one try at sending came to, whatever carried it."""

    SENT = "sent"
    BLOCKED = "blocked"  # the person blocked the bot: never retried
    WAIT = "wait"  # flood control: try again after `retry_after` seconds
    REFUSED = "refused"  # the message itself was refused: retrying fails the same way
    NETWORK = "network"  # a network error or a server error: retry with backoff


@dataclass(frozen=True, slots=True)
class Attempt:
    outcome: Outcome
    error: str | None = None
    retry_after: float = 0.0
    more: bool = False  # sent, and the row has more Telegram messages still to go


@dataclass(frozen=True, slots=True)
class Claimed:
    id: int
    chat_id: int
    reply: Reply
    language: str
    attempts: int
    parts_sent: int = 0  # Telegram messages of it already delivered: the next one goes now
    priority: int = 100
    channel: Channel = Channel.TELEGRAM
    key: str = ""  # the outbox key (an email's Message-ID is made from it)
    kind: str = ""
    email: str | None = None  # the address, as the person's row holds it now (email rows)

    @property
    def urgency(self) -> Urgency:
        # An alert about someone who may be in danger goes before any waiting reply.
        return Urgency.DANGER if self.priority <= URGENT_PRIORITY else Urgency.OUTBOX


class Transport(Protocol):
    """Carries one claimed message (the Telegram side lives in `handlers.outbound`, email's in
    `bot.mail`)."""

    async def send(self, message: Claimed) -> Attempt: ...


class ByChannel:
    """A Transport that hands each row to its channel's transport. With no email transport
    (SMTP_URL not set) an email row fails at once, saying why (`natter outbox`)."""

    def __init__(self, telegram: Transport, email: Transport | None = None) -> None:
        self._telegram, self._email = telegram, email

    async def send(self, message: Claimed) -> Attempt:
        if message.channel is Channel.TELEGRAM:
            return await self._telegram.send(message)
        if self._email is None:
            return Attempt(Outcome.REFUSED, "SMTP_URL is not set, so email cannot be sent")
        return await self._email.send(message)


def backoff(attempts: int) -> timedelta:
    return min(timedelta(seconds=5 * 2 ** (attempts - 1)), MAX_BACKOFF)


async def _claim(db: Database, clock: Clock, skip_chats: Sequence[int] = ()) -> Claimed | None:
    """Claim the next due row; rows for people who paused are skipped on the way."""
    while True:
        async with db.transaction() as session:
            row = await outbox.claim_next(session, clock.now(), LEASE, skip_chats)
            if row is None:
                return None
            person = await session.get(Person, row.person_id) if row.person_id else None
            if person is not None and person.paused:
                await outbox.finish(session, row.id, OutboxStatus.SKIPPED, clock.now())
                continue
            try:
                reply = reply_from_json(row.message)
            except UnreadableReply as err:  # that row fails, visibly; the others still go
                log.error("outbox %s: unreadable, so not sent: %s", row.id, err)
                reason = f"unreadable: {err}"[:300]
                await outbox.finish(session, row.id, OutboxStatus.FAILED, clock.now(), reason)
                continue
            email = person.email if person and row.channel is Channel.EMAIL else None
            return Claimed(
                row.id, row.chat_id, reply, row.language, row.attempts, row.parts_sent,
                row.priority, row.channel, row.key, row.kind, email,
            )  # fmt: skip


async def _any_due(db: Database, clock: Clock) -> bool:
    async with db.transaction() as session:
        return await outbox.any_due(session, clock.now())


async def deliver_due(
    db: Database, transport: Transport, clock: Clock, pacer: Pacer, max_seconds: float = 0.9
) -> int:
    """Send due messages for up to `max_seconds`; returns how many were sent."""
    sent = 0
    deadline = time.monotonic() + max_seconds
    # Stop before a wait for the overall limit would carry past the deadline: a run that
    # overran its 1-second tick would make the scheduler skip the next one.
    while pacer.overall_delay() < deadline - time.monotonic():
        # Serve chats that are free now; one that just got a message waits its turn.
        busy = pacer.busy_chats()
        message = await _claim(db, clock, busy)
        if message is None:
            # Done, unless a chat passed over as busy (it may be free by now) still has some.
            if not busy or not await _any_due(db, clock):
                break
            await asyncio.sleep(min(IDLE_POLL, max(0.0, deadline - time.monotonic())))
            continue
        if message.channel is Channel.TELEGRAM:  # Telegram's limits; a mail server has its own
            await pacer.wait(message.chat_id, message.urgency)
        attempt = await transport.send(message)
        if attempt.outcome is Outcome.WAIT:  # only this chat waits out Telegram's 429
            pacer.hold(message.chat_id, attempt.retry_after)
        status, error, retry_at = _result(attempt, message, clock)
        async with db.transaction() as session:
            if attempt.outcome is Outcome.SENT and attempt.more:
                await outbox.next_part(session, message.id, clock.now())
            elif retry_at is not None:
                await outbox.retry_later(session, message.id, retry_at, error or "")
            else:
                await outbox.finish(session, message.id, status, clock.now(), error)
            if status is OutboxStatus.UNREACHABLE and message.channel is Channel.TELEGRAM:
                await people.mark_unreachable(session, message.chat_id)
        sent += status is OutboxStatus.SENT
    return sent


def _result(
    attempt: Attempt, message: Claimed, clock: Clock
) -> tuple[OutboxStatus, str | None, datetime | None]:
    """What a try means for the row: (status, error, when to retry or None)."""
    match attempt.outcome:
        case Outcome.SENT:
            return OutboxStatus.SENT, None, None
        case Outcome.BLOCKED:
            log.info("outbox %s: chat blocked the bot", message.id)
            return OutboxStatus.UNREACHABLE, attempt.error, None
        case Outcome.WAIT:
            log.info("outbox %s: Telegram asked to wait %.0f s", message.id, attempt.retry_after)
            retry_at = clock.now() + timedelta(seconds=attempt.retry_after)
            return OutboxStatus.PENDING, "retry after", retry_at
        case Outcome.REFUSED:
            log.error("outbox %s: Telegram refused the message: %s", message.id, attempt.error)
            return OutboxStatus.FAILED, attempt.error, None
    if message.attempts >= MAX_ATTEMPTS:
        log.error("outbox %s: giving up after %d attempts", message.id, message.attempts)
        return OutboxStatus.FAILED, attempt.error, None
    log.warning("outbox %s: attempt %d failed (%s)", message.id, message.attempts, attempt.error)
    return OutboxStatus.PENDING, attempt.error, clock.now() + backoff(message.attempts)
