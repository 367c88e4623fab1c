"""What comments are about: each comment's themes (prompts/themes.yaml), happy or unhappy."""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base


class CommentTheme(Base):
    """One theme of one comment, found when it was stored (bot.language.themes) or set by
    staff; staff's word wins and is never overwritten by reading the comment again."""

    __tablename__ = "comment_themes"
    __table_args__ = (UniqueConstraint("comment_id", "theme"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    comment_id: Mapped[int] = mapped_column(
        ForeignKey("comments.id", ondelete="CASCADE"), index=True
    )
    theme: Mapped[str] = mapped_column(String(32))  # a theme's name in the codebook
    positive: Mapped[bool] = mapped_column(Boolean)
    by_staff: Mapped[bool] = mapped_column(Boolean, default=False)
