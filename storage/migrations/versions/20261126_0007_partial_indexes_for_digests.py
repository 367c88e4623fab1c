"""partial indexes for the weekly digest build

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26 10:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Each predicate as storage.models renders it on each backend (SQLite stores booleans as 0/1).
SUGGESTION = "flagged = {false} AND (kind IN ('change', 'idea') OR source = 'relayed')"
INDEXES = (
    ("ix_comments_suggestions", ["project_id", "response_id", "created_at"], SUGGESTION),
    ("ix_comments_flagged", ["project_id", "created_at"], "flagged = {true}"),
    ("ix_comments_collective", ["created_at"], "level = 'collective'"),
)


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    words = {"false": "0", "true": "1"} if sqlite else {"false": "false", "true": "true"}
    for name, columns, where in INDEXES:
        predicate = sa.text(where.format(**words))
        op.create_index(
            name, "comments", columns, sqlite_where=predicate, postgresql_where=predicate
        )


def downgrade() -> None:
    for name, _columns, _where in INDEXES:
        op.drop_index(name, table_name="comments")
