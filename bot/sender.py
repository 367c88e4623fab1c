"""Delivering the outbox: one message at a time, paced, with Telegram's errors handled.

Exactly-once: each row is claimed (status `sending`, a lease) and committed before the call to
Telegram, and marked `sent` right after. A crash between the two leaves one row `sending`; when
its lease ends it is sent again. So the only possible duplicate is the one message in flight.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, InputFile
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter

from bot import people
from bot.clock import Clock
from bot.pacing import Pacer
from storage.db import Database
from storage.models import OutboxStatus, Person
from storage.repositories import outbox

log = logging.getLogger(__name__)
LEASE = timedelta(seconds=60)
MAX_ATTEMPTS = 8
MAX_BACKOFF = timedelta(hours=1)
IDLE_POLL = 0.1


@dataclass(frozen=True, slots=True)
class Claimed:
    id: int
    chat_id: int
    text: str | None
    document_name: str | None
    document: str | None
    attempts: int
    buttons: list[list[list[str]]] | None = None


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
            return Claimed(
                row.id,
                row.chat_id,
                row.text,
                row.document_name,
                row.document,
                row.attempts,
                row.buttons,
            )


async def _any_due(db: Database, clock: Clock) -> bool:
    async with db.transaction() as session:
        return await outbox.any_due(session, clock.now())


async def _send(bot: Bot, message: Claimed) -> None:
    if message.document is not None:
        await bot.send_document(
            message.chat_id,
            InputFile(
                message.document.encode("utf-8"), filename=message.document_name or "file.txt"
            ),
        )
    else:
        assert message.text is not None
        markup = None
        if message.buttons:
            markup = InlineKeyboardMarkup(
                [
                    [InlineKeyboardButton(label, callback_data=data) for label, data in row]
                    for row in message.buttons
                ]
            )
        await bot.send_message(
            message.chat_id, message.text, parse_mode=ParseMode.HTML, reply_markup=markup
        )


async def deliver_due(
    db: Database, bot: Bot, clock: Clock, pacer: Pacer, max_seconds: float = 0.9
) -> int:
    """Send due messages for up to `max_seconds`; returns how many were sent."""
    sent = 0
    deadline = time.monotonic() + max_seconds
    # Stop before a wait for the overall limit would carry past the deadline: a run that
    # overran its 1-second tick would make the scheduler skip the next one.
    while pacer.overall_delay() < deadline - time.monotonic():
        # Serve chats that are free now; one that just got a message waits its turn.
        message = await _claim(db, clock, pacer.busy_chats())
        if message is None:
            if not pacer.busy_chats() or not await _any_due(db, clock):
                break
            await asyncio.sleep(min(IDLE_POLL, max(0.0, deadline - time.monotonic())))
            continue
        await pacer.wait(message.chat_id)
        status, error, retry_at = await _attempt(bot, message, clock)
        async with db.transaction() as session:
            if retry_at is not None:
                await outbox.retry_later(session, message.id, retry_at, error or "")
            else:
                await outbox.finish(session, message.id, status, clock.now(), error)
            if status is OutboxStatus.UNREACHABLE:
                await people.mark_unreachable(session, message.chat_id)
        sent += status is OutboxStatus.SENT
    return sent


async def _attempt(
    bot: Bot, message: Claimed, clock: Clock
) -> tuple[OutboxStatus, str | None, datetime | None]:
    """Try once; the outcome is (status, error, when to retry or None)."""
    try:
        await _send(bot, message)
    except Forbidden as err:
        log.info("outbox %s: chat blocked the bot", message.id)
        return OutboxStatus.UNREACHABLE, str(err), None
    except RetryAfter as err:
        wait = err.retry_after
        seconds = wait.total_seconds() if isinstance(wait, timedelta) else float(wait)
        log.info("outbox %s: Telegram asked to wait %.0f s", message.id, seconds)
        return OutboxStatus.PENDING, "retry after", clock.now() + timedelta(seconds=seconds)
    except BadRequest as err:
        log.error("outbox %s: Telegram refused the message: %s", message.id, err)
        return OutboxStatus.FAILED, str(err), None
    except NetworkError as err:
        if message.attempts >= MAX_ATTEMPTS:
            log.error("outbox %s: giving up after %d attempts", message.id, message.attempts)
            return OutboxStatus.FAILED, str(err), None
        log.warning("outbox %s: attempt %d failed (%s)", message.id, message.attempts, err)
        return OutboxStatus.PENDING, str(err), clock.now() + backoff(message.attempts)
    return OutboxStatus.SENT, None, None
