"""Sign-ins to the staff web page: each one-time link, once used, becomes a session."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base
from storage.types import UTCDateTime


class WebSignIn(Base):
    """A used sign-in link (its nonce is the key, so a link works once) and the session it
    opened. Goes with the person on /forget (cascade) and once it has expired."""

    __tablename__ = "web_sign_ins"

    nonce: Mapped[str] = mapped_column(String(64), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    signed_in_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    signed_out_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Suggestions ticked for an answer, kept across pages: comment ids.
    ticked: Mapped[list[int] | None] = mapped_column(JSON)
