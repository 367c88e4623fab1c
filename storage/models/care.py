"""What follows a flagged message: the person's answer to the help, a number they shared, a
conversation with the team, and whether the programme team was told nobody had looked.

Kept with the flag (the comment), never on the person: deleting the comment (/forget, the
retention sweep) deletes these too, and closing the flag clears the number.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base
from storage.types import UTCDateTime


class FlagFollowUp(Base):
    __tablename__ = "flag_follow_ups"

    comment_id: Mapped[int] = mapped_column(
        ForeignKey("comments.id", ondelete="CASCADE"), primary_key=True
    )
    answer: Mapped[str | None] = mapped_column(String(16))  # "safe" or "contact"
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Shared with Telegram's share-my-number button after "Please contact me"; cleared when
    # the flag is marked looked at.
    phone: Mapped[str | None] = mapped_column(String(32))
    escalated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # programme team told
    # A conversation through Natter: the staff member writing, and until when it stays open.
    writer_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), index=True
    )
    talk_until: Mapped[datetime | None] = mapped_column(UTCDateTime)


class FlagMessage(Base):
    """One message of a conversation between the team and the person, kept with the flag."""

    __tablename__ = "flag_messages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    comment_id: Mapped[int] = mapped_column(
        ForeignKey("comments.id", ondelete="CASCADE"), index=True
    )
    from_staff: Mapped[bool] = mapped_column(Boolean)
    text: Mapped[str] = mapped_column(Text)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime)


class EarlySign(Base):
    """Someone who may be worth a friendly call (not a crisis): a check-in answered "Not
    great", words such as "haven't been well", or a regular gone quiet. Open until staff
    mark them called."""

    __tablename__ = "early_signs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    reason: Mapped[str] = mapped_column(String(16))  # "not_great", "words" or "quiet"
    noted_at: Mapped[datetime] = mapped_column(UTCDateTime)
    called_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
