"""weekly tallies: each project's week as its digest counted it

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-06 21:00:00

A small table of counts (no words, no person) written when a project's weekly digest is
planned, so the charts read twelve rows instead of twelve weeks of comments. Weeks before this
have no row: the charts count those from the comments, as before. A project's first tally
counts the suggestions made before it (`raised_before`), so the all-time figures are the
tallies' sums plus the weeks since, and follow the week, not the table.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.types

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "weekly_tallies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("week_start", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("week_end", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("comments", sa.Integer(), nullable=False),
        sa.Column("people", sa.Integer(), nullable=False),
        sa.Column("themes", sa.JSON(), nullable=False),
        sa.Column("raised", sa.Integer(), nullable=False),
        sa.Column("raised_before", sa.Integer(), nullable=False),
        sa.Column("answered", sa.Integer(), nullable=False),
        sa.Column("changed", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_weekly_tallies_project_id_projects"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_weekly_tallies")),
        sa.UniqueConstraint(
            "project_id", "week_start", name=op.f("uq_weekly_tallies_project_id_week_start")
        ),
    )


def downgrade() -> None:
    op.drop_table("weekly_tallies")
