"""People, the projects they belong to, the invites that bring them in, and where each is in a
conversation."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storage.models.base import Base, string_enum, utcnow
from storage.models.enums import Delivery, Role
from storage.models.projects import Project
from storage.types import UTCDateTime


class Person(Base):
    """Someone who said yes. No names or usernames: only the Telegram id needed to reply."""

    __tablename__ = "people"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    telegram_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    pseudonym: Mapped[str] = mapped_column(String(16), unique=True)
    language: Mapped[str] = mapped_column(String(8), default="en")
    consent_version: Mapped[str] = mapped_column(String(32))
    consented_at: Mapped[datetime] = mapped_column(UTCDateTime)
    paused: Mapped[bool] = mapped_column(Boolean, default=False)
    unreachable: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Check-ins across all their projects: never more than one prompt a week, and they stop
    # after two go unanswered; "Not now" and "I'm away" set a date before which none are sent.
    last_checkin_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    checkins_unanswered: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    checkins_paused_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Staff and the programme team only: where digests and alerts go, and the one address
    # email needs (nothing else about them: no name).
    delivery: Mapped[Delivery] = mapped_column(
        string_enum(Delivery, "delivery"), default=Delivery.TELEGRAM, server_default="telegram"
    )
    email: Mapped[str | None] = mapped_column(String(254))


class RetiredPseudonym(Base):
    """A made-up name someone had before they were forgotten, never given to anyone else. Kept
    as a keyed hash (HMAC-SHA256 with PSEUDONYM_KEY), so the letters themselves are gone."""

    __tablename__ = "retired_pseudonyms"

    mark: Mapped[str] = mapped_column(String(64), primary_key=True)


class Membership(Base):
    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("person_id", "project_id", "role"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    # NULL for the programme team, who belong to no single project.
    project_id: Mapped[int | None] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[Role] = mapped_column(string_enum(Role, "role"))
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # This project's check-in rhythm for this member, and which question comes next.
    last_checkin_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    checkin_turn: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    project: Mapped[Project | None] = relationship(lazy="joined")


class Invite(Base):
    __tablename__ = "invites"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    # A project's join word (PARK47, bot.joining.words), on a participant invite of its own.
    word: Mapped[str | None] = mapped_column(String(12), unique=True)
    role: Mapped[Role] = mapped_column(string_enum(Role, "role"))
    project_id: Mapped[int | None] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), index=True
    )
    uses_left: Mapped[int | None] = mapped_column(Integer)  # NULL: unlimited
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    project: Mapped[Project | None] = relationship(lazy="joined")


class Dialogue(Base):
    """Where a person is in a conversation, so a restart or a second worker loses nothing."""

    __tablename__ = "dialogues"

    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True
    )
    state: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
