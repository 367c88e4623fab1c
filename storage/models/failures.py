"""Updates whose handling keeps failing: counted, then parked, so Telegram stops resending them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base
from storage.types import UTCDateTime


class DeadLetter(Base):
    """One update that failed, and how: ids, the error's class name and times, never what
    was said (no text, no traceback: an exception's message may quote the person)."""

    __tablename__ = "dead_letters"
    # Counted per way of failing: a different error is a different fault, counted afresh.
    __table_args__ = (UniqueConstraint("update_id", "error"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    update_id: Mapped[int] = mapped_column(BigInteger)
    error: Mapped[str] = mapped_column(String(100))
    # The chat it came from, if any: how /forget finds a person's rows.
    chat_id: Mapped[int | None] = mapped_column(BigInteger, index=True)
    attempts: Mapped[int] = mapped_column(Integer)
    first_failed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_failed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # Set once it is given up on (answered 200, so Telegram stops sending it); None while the
    # update is still being resent.
    parked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
