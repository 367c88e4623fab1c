"""dead letters: updates whose handling keeps failing

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 10:00:00

A new table only (ids, the error's class name, counts and times; never what was said), so
downgrading drops it and loses nothing else.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.types

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "dead_letters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("update_id", sa.BigInteger(), nullable=False),
        sa.Column("error", sa.String(length=100), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("first_failed_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_failed_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("parked_at", storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dead_letters")),
        sa.UniqueConstraint("update_id", "error", name=op.f("uq_dead_letters_update_id_error")),
    )
    with op.batch_alter_table("dead_letters", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dead_letters_chat_id"), ["chat_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("dead_letters", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dead_letters_chat_id"))
    op.drop_table("dead_letters")
