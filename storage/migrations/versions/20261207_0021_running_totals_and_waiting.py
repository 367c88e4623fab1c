"""running totals in the weekly tallies, and an index the waiting backlog is counted from

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-07 15:30:00

Each tally keeps the running count of suggestions to its week's end (`raised_total`), so a
project's all-time count is its latest tally, one row, not the sum of every week's. Rows
tallied before this get theirs from the rows before them. The waiting backlog (suggestions not
answered yet) gets a partial index holding every column its count reads, so the count is read
from the index alone, without a comment's row.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = "ix_comments_waiting"
COLUMNS = [
    "project_id",
    "created_at",
    "response_id",
    "flagged",
    "needs_reply",
    "reading",
    "kind",
    "source",
]
WAITING = (
    "response_id IS NULL AND flagged = {false} AND (needs_reply = {true} OR needs_reply IS NULL "
    "AND (reading IN ('suggestion', 'question') OR (kind IN ('change', 'idea') OR source = "
    "'relayed') AND (reading IS NULL OR reading != 'not_feedback')))"
)


def upgrade() -> None:
    op.add_column(
        "weekly_tallies",
        sa.Column("raised_total", sa.Integer(), nullable=False, server_default="0"),
    )
    op.execute(
        "UPDATE weekly_tallies SET raised_total = (SELECT sum(t.raised + t.raised_before) "
        "FROM weekly_tallies AS t WHERE t.project_id = weekly_tallies.project_id "
        "AND t.week_start <= weekly_tallies.week_start)"
    )
    sqlite = op.get_bind().dialect.name == "sqlite"
    words = {"false": "0", "true": "1"} if sqlite else {"false": "false", "true": "true"}
    predicate = sa.text(WAITING.format(**words))
    op.create_index(INDEX, "comments", COLUMNS, sqlite_where=predicate, postgresql_where=predicate)


def downgrade() -> None:
    op.drop_index(INDEX, table_name="comments")
    with op.batch_alter_table("weekly_tallies") as batch:
        batch.drop_column("raised_total")
