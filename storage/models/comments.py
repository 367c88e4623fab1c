"""What people said, the group sessions volunteers noted it at, and staff's answers to it."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    BindParameter,
    Boolean,
    ColumnElement,
    Date,
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    and_,
    bindparam,
    case,
    false,
    func,
    or_,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storage.models.base import Base, string_enum, utcnow
from storage.models.enums import Agreement, Heard, Kind, Level, Outcome, Reading, Source
from storage.models.projects import Project
from storage.types import UTCDateTime


def _values(members: type[Heard]) -> list[str]:
    return [m.value for m in members]


class GroupSession(Base):
    """A coffee morning or walk a volunteer noted, or where the team heard (by_team). No names."""

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
    headcount: Mapped[int] = mapped_column(Integer)  # best estimate, for "people reached"; 0: /did
    headcount_band: Mapped[str | None] = mapped_column(String(16))  # "6-10" when a band was tapped
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    by_team: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")

    project: Mapped[Project] = relationship(lazy="joined")


class Response(Base):
    """Staff's answer to one or more suggestions ("you said, we did"), sent to who said them."""

    __tablename__ = "responses"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), index=True
    )
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    outcome: Mapped[Outcome] = mapped_column(string_enum(Outcome, "outcome"))
    text: Mapped[str] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(Text)  # required when the answer is "we can't"
    # Each update is a new version, and people are told again.
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


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
    agreement: Mapped[Agreement | None] = mapped_column(string_enum(Agreement, "agreement"))
    # Set once staff have answered it ("you said, we did").
    response_id: Mapped[int | None] = mapped_column(
        ForeignKey("responses.id", ondelete="SET NULL"), index=True
    )
    source: Mapped[Source] = mapped_column(
        string_enum(Source, "source"), default=Source.PARTICIPANT
    )
    level: Mapped[Level] = mapped_column(string_enum(Level, "level"), default=Level.INDIVIDUAL)
    question_key: Mapped[str | None] = mapped_column(String(64))
    kind: Mapped[Kind] = mapped_column(string_enum(Kind, "kind"), default=Kind.OTHER)
    # What it is (a suggestion, praise, not feedback...), read when stored; NULL for a voice
    # note not yet heard and for comments stored before readings were made.
    reading: Mapped[Reading | None] = mapped_column(string_enum(Reading, "reading"))
    # Staff's word on whether it needs a reply, which wins over the reading; NULL: not said.
    needs_reply: Mapped[bool | None] = mapped_column(Boolean)
    text: Mapped[str | None] = mapped_column(Text)
    # The words as staff, the programme team and exports read them: names, addresses, phone
    # numbers and emails replaced (bot/language/names/). NULL when there were none. The
    # words as said (`text`) are only for the person's /mydata and for safeguarding.
    quoted: Mapped[str | None] = mapped_column(Text)
    # What it is about: {theme: true if happy}, as read from the words (bot.language.themes);
    # and staff's own, which wins when set and is never overwritten by reading it again. On
    # the comment itself, so storing one is still one INSERT.
    themes: Mapped[dict[str, bool] | None] = mapped_column(JSON)
    staff_themes: Mapped[dict[str, bool] | None] = mapped_column(JSON)
    voice_file_id: Mapped[str | None] = mapped_column(String(255))
    voice_seconds: Mapped[int | None] = mapped_column(Integer)
    # A voice note's words as heard on this server (or as typed after "Not quite"), never audio.
    transcript: Mapped[str | None] = mapped_column(Text)
    transcript_confidence: Mapped[float | None] = mapped_column(Float)
    transcript_status: Mapped[Heard | None] = mapped_column(
        Enum(Heard, native_enum=False, create_constraint=False, length=16, values_callable=_values)
    )
    # On staff's "please listen" list (unsure, "Not quite" or failed) until one of them listens.
    needs_listening: Mapped[bool | None] = mapped_column(Boolean)
    listened_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
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

    @property
    def spoken_words(self) -> str | None:
        """A voice note's words fit to quote (as `heard_well`, in Python): None if unsure."""
        status, text = self.transcript_status, self.transcript
        if not text or status not in (Heard.CONFIRMED, Heard.CORRECTED, Heard.UNCONFIRMED):
            return None
        return text if status is not Heard.UNCONFIRMED or not self.needs_listening else None


def themes_as_read() -> ColumnElement[dict[str, bool] | None]:
    """What a comment is about, {theme: happy}: staff's own where they set them."""
    return func.coalesce(Comment.staff_themes, Comment.themes, type_=JSON)


def quoted_words() -> ColumnElement[str | None]:
    """Typed words fit to show staff, names kept out (a voice note's: heard_well)."""
    return case((Comment.text.is_not(None), func.coalesce(Comment.quoted, Comment.text)))


def heard_well(
    transcript: ColumnElement[str | None] | None = None,
) -> ColumnElement[str | None]:
    """A voice note's words fit to quote to staff (said right, typed again, or heard clearly and
    not yet answered); NULL for an unsure one, which waits on the "please listen" list."""
    sure = or_(
        Comment.transcript_status.in_([Heard.CONFIRMED, Heard.CORRECTED]),
        and_(
            Comment.transcript_status == Heard.UNCONFIRMED,
            or_(Comment.needs_listening.is_(None), Comment.needs_listening == false()),
        ),
    )
    shown = func.coalesce(Comment.quoted, Comment.transcript)  # a voice note's, names kept out
    return case((sure, transcript if transcript is not None else shown), else_=None)


# Rules over comments that partial indexes are built on. Their values are written into the SQL
# (literal_execute), not bound as parameters: SQLite and PostgreSQL only use a partial index when
# the query's WHERE visibly implies the index's, and a parameter hides its value from the planner.


def is_suggestion() -> ColumnElement[bool]:
    """A comment staff may answer: one they marked as needing a reply; else, unless they
    marked it as not, one read as a suggestion or a question for them, wherever it was said,
    and, as always, an idea, a thing to change, or anything relayed from a group, unless it was
    read as not feedback ("no, that's all"). Never a message that sounded like danger (staff
    see those through /flagged)."""
    kinds: BindParameter[list[Kind]] = bindparam(
        "suggestion_kinds", [Kind.CHANGE, Kind.IDEA], expanding=True, literal_execute=True
    )
    readings: BindParameter[list[Reading]] = bindparam(
        "suggestion_readings",
        [Reading.SUGGESTION, Reading.QUESTION],
        expanding=True,
        literal_execute=True,
    )
    relayed = bindparam(None, Source.RELAYED, type_=Comment.source.type, literal_execute=True)
    chatter = bindparam(
        None, Reading.NOT_FEEDBACK, type_=Comment.reading.type, literal_execute=True
    )
    asked = and_(
        or_(Comment.kind.in_(kinds), Comment.source == relayed),
        or_(Comment.reading.is_(None), Comment.reading != chatter),
    )
    by_reading = and_(Comment.needs_reply.is_(None), or_(Comment.reading.in_(readings), asked))
    return and_(Comment.flagged == false(), or_(Comment.needs_reply == true(), by_reading))


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
