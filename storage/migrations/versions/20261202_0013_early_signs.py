"""early signs: people who may be worth a friendly call

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02 19:10:00

A new table only, so downgrading drops it and loses nothing else.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.types

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "early_signs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=16), nullable=False),
        sa.Column("noted_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("called_at", storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"],
            name=op.f("fk_early_signs_person_id_people"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["project_id"], ["projects.id"],
            name=op.f("fk_early_signs_project_id_projects"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_early_signs")),
    )  # fmt: skip
    with op.batch_alter_table("early_signs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_early_signs_person_id"), ["person_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("early_signs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_early_signs_person_id"))
    op.drop_table("early_signs")
