"""What Natter sends on its own: the outbox, and the ledgers of digests and round-ups planned."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, string_enum, utcnow
from storage.models.enums import Channel, OutboxStatus
from storage.types import UTCDateTime


class Outbox(Base):
    """One message Natter sends on its own, written in the same transaction as its cause."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_due", "status", "priority", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # What makes this message unique, e.g. digest:project:3:2026-11-16:person:7:part:1.
    key: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(32))
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), index=True
    )
    chat_id: Mapped[int] = mapped_column(BigInteger)
    # Email rows go to the person's address as it is when sent (it is not copied here).
    channel: Mapped[Channel] = mapped_column(
        string_enum(Channel, "channel"), default=Channel.TELEGRAM, server_default="telegram"
    )
    # Lower goes first: urgent alerts before digests.
    priority: Mapped[int] = mapped_column(Integer, default=100)
    # What to say as data, rendered when sent like any reply (JSON: bot.core.reply_to_json).
    message: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(8), default="en")
    # Telegram messages of it already delivered (a long text goes as several, one claim each).
    parts_sent: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[OutboxStatus] = mapped_column(
        string_enum(OutboxStatus, "outbox_status"), default=OutboxStatus.PENDING
    )
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Digest(Base):
    """The digest ledger: one row per (scope, period), so each digest is planned exactly once."""

    __tablename__ = "digests"
    __table_args__ = (UniqueConstraint("scope", "period_start"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # "project:<id>" or "programme" (a plain string, so uniqueness needs no NULL tricks).
    scope: Mapped[str] = mapped_column(String(40))
    project_id: Mapped[int | None] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), index=True
    )
    period_start: Mapped[datetime] = mapped_column(UTCDateTime)
    period_end: Mapped[datetime] = mapped_column(UTCDateTime)
    planned_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # The ledger keeps counts only, never what was said.
    comments: Mapped[int] = mapped_column(Integer, default=0)
    people: Mapped[int] = mapped_column(Integer, default=0)
    recipients: Mapped[int] = mapped_column(Integer, default=0)


class Roundup(Base):
    """The monthly round-up ledger: one row per (project, month), so each is planned once."""

    __tablename__ = "roundups"
    __table_args__ = (UniqueConstraint("project_id", "month"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    month: Mapped[str] = mapped_column(String(7))  # "2026-11": the month whose replies it tells
    planned_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # Counts only, never what was said.
    items: Mapped[int] = mapped_column(Integer, default=0)
    recipients: Mapped[int] = mapped_column(Integer, default=0)
