"""flag follow-ups: the person's answer to the help, a shared number, a way back

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 18:30:00

New tables only, hanging off comments (deleted with them), so downgrading drops them and
loses nothing else.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.types

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "flag_follow_ups",
        sa.Column("comment_id", sa.Integer(), nullable=False),
        sa.Column("answer", sa.String(length=16), nullable=True),
        sa.Column("answered_at", storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("phone", sa.String(length=32), nullable=True),
        sa.Column("escalated_at", storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("writer_id", sa.Integer(), nullable=True),
        sa.Column("talk_until", storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["comment_id"], ["comments.id"],
            name=op.f("fk_flag_follow_ups_comment_id_comments"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["writer_id"], ["people.id"],
            name=op.f("fk_flag_follow_ups_writer_id_people"), ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("comment_id", name=op.f("pk_flag_follow_ups")),
    )  # fmt: skip
    with op.batch_alter_table("flag_follow_ups", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_flag_follow_ups_writer_id"), ["writer_id"], unique=False
        )
    op.create_table(
        "flag_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("comment_id", sa.Integer(), nullable=False),
        sa.Column("from_staff", sa.Boolean(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("sent_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["comment_id"], ["comments.id"],
            name=op.f("fk_flag_messages_comment_id_comments"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_flag_messages")),
    )  # fmt: skip
    with op.batch_alter_table("flag_messages", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_flag_messages_comment_id"), ["comment_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("flag_messages", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_flag_messages_comment_id"))
    op.drop_table("flag_messages")
    with op.batch_alter_table("flag_follow_ups", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_flag_follow_ups_writer_id"))
    op.drop_table("flag_follow_ups")
