"""Partner charities and their projects."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storage.models.base import Base, utcnow
from storage.types import UTCDateTime


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
    # The day of the month (1-28, so every month has it) the monthly round-up goes out.
    roundup_day: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    timezone: Mapped[str | None] = mapped_column(String(64))  # NULL: the TIMEZONE setting
    # Gentle check-ins: how often, and only between these local times (never at night).
    checkin_every_days: Mapped[int] = mapped_column(Integer, default=14, server_default="14")
    checkin_from: Mapped[str] = mapped_column(String(5), default="10:00", server_default="10:00")
    checkin_until: Mapped[str] = mapped_column(String(5), default="19:00", server_default="19:00")
    checkin_sundays: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    partner: Mapped[Partner] = relationship(back_populates="projects", lazy="joined")
