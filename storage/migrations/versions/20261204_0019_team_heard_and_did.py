"""team heard and did: a group session the team noted themselves (/did)

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-04 12:00:00

Staff's /did keeps what the team heard somewhere (a chat at a coffee morning) and what they did
about it as a group session with one group comment and its reply. `by_team` marks such a
session: it has no volunteer and no headcount, so the lists of groups noted by volunteers and
the people reached at them leave it out. Every session before this was a volunteer's (false).
Added in place on both backends (a plain ADD COLUMN, as 0015 does on SQLite), so no table is
copied and no index made again.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "group_sessions",
        sa.Column("by_team", sa.Boolean(), server_default="0", nullable=False),
    )


def downgrade() -> None:
    with op.batch_alter_table("group_sessions", schema=None) as batch_op:
        batch_op.drop_column("by_team")
