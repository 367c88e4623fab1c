"""The schema (DESIGN section 4). The migrations must match it, and a test checks they do."""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    BindParameter,
    Boolean,
    ColumnElement,
    Date,
    Enum,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    and_,
    bindparam,
    false,
    or_,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from storage.types import UTCDateTime

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Role(enum.StrEnum):
    PARTICIPANT = "participant"
    VOLUNTEER = "volunteer"
    STAFF = "staff"
    PROGRAMME = "programme"


class Kind(enum.StrEnum):
    LIKED = "liked"
    CHANGE = "change"
    IDEA = "idea"
    MOOD = "mood"
    OTHER = "other"


class Level(enum.StrEnum):
    INDIVIDUAL = "individual"
    GROUP = "group"
    COLLECTIVE = "collective"


class Source(enum.StrEnum):
    PARTICIPANT = "participant"
    RELAYED = "relayed"


def _enum(cls: type[enum.StrEnum], name: str) -> Enum:
    # Stored as plain strings with a CHECK, so adding a value is a small migration on both backends.
    return Enum(
        cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=16,
        values_callable=lambda members: [m.value for m in members],
    )


class Partner(Base):
    __tablename__ = "partners"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    contact: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    projects: Mapped[list[Project]] = relationship(back_populates="partner")


class Project(Base):
    __tablename__ = "projects"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    partner_id: Mapped[int] = mapped_column(
        ForeignKey("partners.id", ondelete="RESTRICT"), index=True
    )
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    about: Mapped[str | None] = mapped_column(Text)
    open_to_change: Mapped[str | None] = mapped_column(Text)
    fixed: Mapped[str | None] = mapped_column(Text)
    question_set: Mapped[str] = mapped_column(String(64), default="default")
    # When the weekly digest goes out, in the project's local time (0 = Monday).
    digest_weekday: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    digest_time: Mapped[str] = mapped_column(String(5), default="09:00", server_default="09:00")
    timezone: Mapped[str | None] = mapped_column(String(64))  # NULL: the TIMEZONE setting
    # Gentle check-ins: how often, and only between these local times (never at night).
    checkin_every_days: Mapped[int] = mapped_column(Integer, default=14, server_default="14")
    checkin_from: Mapped[str] = mapped_column(String(5), default="10:00", server_default="10:00")
    checkin_until: Mapped[str] = mapped_column(String(5), default="19:00", server_default="19:00")
    checkin_sundays: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    partner: Mapped[Partner] = relationship(back_populates="projects", lazy="joined")


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


class Membership(Base):
    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("person_id", "project_id", "role"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    # NULL for the programme team, who belong to no single project.
    project_id: Mapped[int | None] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[Role] = mapped_column(_enum(Role, "role"))
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # This project's check-in rhythm for this member, and which question comes next.
    last_checkin_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    checkin_turn: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    project: Mapped[Project | None] = relationship(lazy="joined")


class Invite(Base):
    __tablename__ = "invites"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[Role] = mapped_column(_enum(Role, "role"))
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


class Agreement(enum.StrEnum):
    """How many at a group agreed with something a volunteer noted."""

    ONE = "one"
    FEW = "few"
    MOST = "most"


class GroupSession(Base):
    """A coffee morning or walk where a volunteer noted what the group said. No names."""

    __tablename__ = "group_sessions"
    __table_args__ = (Index("ix_group_sessions_project_id_held_on", "project_id", "held_on"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    # SET NULL: what the group said stays when the volunteer asks to be forgotten.
    volunteer_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), index=True
    )
    place: Mapped[str] = mapped_column(String(200))
    held_on: Mapped[date] = mapped_column(Date)
    headcount: Mapped[int] = mapped_column(Integer)  # best estimate, for "people reached"
    headcount_band: Mapped[str | None] = mapped_column(String(16))  # "6-10" when a band was tapped
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    project: Mapped[Project] = relationship(lazy="joined")


class Outcome(enum.StrEnum):
    """What staff say happened about a suggestion."""

    CHANGED = "changed"
    LOOKING = "looking"
    CANNOT = "cannot"


class Response(Base):
    """Staff's answer to one or more suggestions ("you said, we did"), sent to who said them."""

    __tablename__ = "responses"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), index=True
    )
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    outcome: Mapped[Outcome] = mapped_column(_enum(Outcome, "outcome"))
    text: Mapped[str] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(Text)  # required when the answer is "we can't"
    # Each update is a new version, and people are told again.
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ProgrammeQuestion(Base):
    """A question the programme team puts to every project's participants (the collective level)."""

    __tablename__ = "programme_questions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    asked_by: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class QuestionAsked(Base):
    """That a programme question was put to a person, so nobody is asked twice."""

    __tablename__ = "questions_asked"
    __table_args__ = (UniqueConstraint("question_id", "person_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    question_id: Mapped[int] = mapped_column(
        ForeignKey("programme_questions.id", ondelete="CASCADE")
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    asked_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Comment(Base):
    __tablename__ = "comments"
    # A redelivered update must never store a second comment.
    __table_args__ = (
        UniqueConstraint("chat_id", "message_id"),
        Index("ix_comments_project_id_created_at", "project_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # NULL only while a member of several projects has not yet said which one it is for.
    project_id: Mapped[int | None] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), index=True
    )
    group_session_id: Mapped[int | None] = mapped_column(
        ForeignKey("group_sessions.id", ondelete="CASCADE"), index=True
    )
    agreement: Mapped[Agreement | None] = mapped_column(_enum(Agreement, "agreement"))
    # Set once staff have answered it ("you said, we did").
    response_id: Mapped[int | None] = mapped_column(
        ForeignKey("responses.id", ondelete="SET NULL"), index=True
    )
    source: Mapped[Source] = mapped_column(_enum(Source, "source"), default=Source.PARTICIPANT)
    level: Mapped[Level] = mapped_column(_enum(Level, "level"), default=Level.INDIVIDUAL)
    question_key: Mapped[str | None] = mapped_column(String(64))
    kind: Mapped[Kind] = mapped_column(_enum(Kind, "kind"), default=Kind.OTHER)
    text: Mapped[str | None] = mapped_column(Text)
    voice_file_id: Mapped[str | None] = mapped_column(String(255))
    voice_seconds: Mapped[int | None] = mapped_column(Integer)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    message_id: Mapped[int] = mapped_column(BigInteger)
    flagged: Mapped[bool] = mapped_column(Boolean, default=False)
    # Safeguarding: what the message sounded like, and when staff looked at it (with a note).
    flag_topic: Mapped[str | None] = mapped_column(String(32))
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    review_note: Mapped[str | None] = mapped_column(Text)
    mood: Mapped[str | None] = mapped_column(String(16))  # a check-in's Good / OK / Not great
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    project: Mapped[Project | None] = relationship(lazy="joined")


# Rules over comments that partial indexes are built on. Their values are written into the SQL
# (literal_execute), not bound as parameters: SQLite and PostgreSQL only use a partial index when
# the query's WHERE visibly implies the index's, and a parameter hides its value from the planner.


def is_suggestion() -> ColumnElement[bool]:
    """A suggestion staff may answer: an idea, a thing to change, or anything relayed from a
    group; never a message that sounded like danger (staff see those through /flagged)."""
    kinds: BindParameter[list[Kind]] = bindparam(
        "suggestion_kinds", [Kind.CHANGE, Kind.IDEA], expanding=True, literal_execute=True
    )
    relayed = bindparam(None, Source.RELAYED, type_=Comment.source.type, literal_execute=True)
    return and_(Comment.flagged == false(), or_(Comment.kind.in_(kinds), Comment.source == relayed))


def is_flagged() -> ColumnElement[bool]:
    return Comment.flagged == true()


def is_collective() -> ColumnElement[bool]:
    """An answer to a programme-wide question (/ask)."""
    return Comment.level == bindparam(
        None, Level.COLLECTIVE, type_=Comment.level.type, literal_execute=True
    )


# A digest's all-time figures (waiting, answered) read only suggestions, never the whole history.
Index(
    "ix_comments_suggestions",
    Comment.project_id,
    Comment.response_id,
    Comment.created_at,
    sqlite_where=is_suggestion(),
    postgresql_where=is_suggestion(),
)
Index(
    "ix_comments_flagged",
    Comment.project_id,
    Comment.created_at,
    sqlite_where=is_flagged(),
    postgresql_where=is_flagged(),
)
Index(
    "ix_comments_collective",
    Comment.created_at,
    sqlite_where=is_collective(),
    postgresql_where=is_collective(),
)


class OutboxStatus(enum.StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"  # gave up after retries; the operator can see it
    UNREACHABLE = "unreachable"  # the person blocked the bot
    SKIPPED = "skipped"  # the person paused messages (/stop)


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
    # Lower goes first: urgent alerts before digests.
    priority: Mapped[int] = mapped_column(Integer, default=100)
    # What to say as data, rendered when sent like any reply (JSON: bot.core.reply_to_json).
    message: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(8), default="en")
    # Telegram messages of it already delivered (a long text goes as several, one claim each).
    parts_sent: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[OutboxStatus] = mapped_column(
        _enum(OutboxStatus, "outbox_status"), default=OutboxStatus.PENDING
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
