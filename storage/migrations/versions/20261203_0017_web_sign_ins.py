"""web sign-ins: each used one-time link to the staff web page, and the session it opened

Revision ID: 0017
Revises: 0015
Create Date: 2026-12-03 11:00:00

A link's nonce is the key, so a second use of the same link finds it taken and is refused.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.types

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "web_sign_ins",
        sa.Column("nonce", sa.String(length=64), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("signed_in_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("signed_out_at", storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("ticked", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_web_sign_ins_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("nonce", name=op.f("pk_web_sign_ins")),
    )
    op.create_index(op.f("ix_web_sign_ins_person_id"), "web_sign_ins", ["person_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_web_sign_ins_person_id"), table_name="web_sign_ins")
    op.drop_table("web_sign_ins")
