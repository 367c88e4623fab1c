"""Each project's weekly tallies: counts only (no words, no person), written with the digest."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Integer, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base
from storage.types import UTCDateTime


class WeeklyTally(Base):
    """A project's week as its digest counted it, so the charts read twelve small rows instead
    of twelve weeks of comments. Answers given later are added as staff give them."""

    __tablename__ = "weekly_tallies"
    __table_args__ = (UniqueConstraint("project_id", "week_start"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    first_day: Mapped[date] = mapped_column(Date)  # the local day the week begins
    week_start: Mapped[datetime] = mapped_column(UTCDateTime)
    week_end: Mapped[datetime] = mapped_column(UTCDateTime)
    comments: Mapped[int] = mapped_column(Integer, default=0)  # as the charts count them
    people: Mapped[int] = mapped_column(Integer, default=0)  # as the digest counted them
    # {"transport": [happy, unhappy]}: staff's own themes where they set them.
    themes: Mapped[dict[str, list[int]]] = mapped_column(JSON, default=dict)
    raised: Mapped[int] = mapped_column(Integer, default=0)  # suggestions made that week
    # Suggestions made since the project's previous tallied week (ever, for its first) and
    # before this one, so the tallies' sum is every suggestion to this week's end.
    raised_before: Mapped[int] = mapped_column(Integer, default=0)
    answered: Mapped[int] = mapped_column(Integer, default=0)  # of those, answered so far
    changed: Mapped[int] = mapped_column(Integer, default=0)  # of those, answered "changed"
