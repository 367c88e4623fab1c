"""roundups: the monthly round-up's ledger, and the day of the month each project's goes out

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-03 12:00:00

Every project starts on the 1st. The ledger keeps counts only, never what was said.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.types

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "projects", sa.Column("roundup_day", sa.Integer(), server_default="1", nullable=False)
    )
    op.create_table(
        "roundups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("planned_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("items", sa.Integer(), nullable=False),
        sa.Column("recipients", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_roundups_project_id_projects"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_roundups")),
        sa.UniqueConstraint("project_id", "month", name=op.f("uq_roundups_project_id_month")),
    )


def downgrade() -> None:
    op.drop_table("roundups")
    with op.batch_alter_table("projects", schema=None) as batch_op:
        batch_op.drop_column("roundup_day")
