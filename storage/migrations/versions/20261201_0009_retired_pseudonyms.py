"""retired pseudonyms

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-27 10:00:00

Made-up names of people who were forgotten, kept only as keyed hashes (HMAC-SHA256 with
PSEUDONYM_KEY) so that a name is never given to someone new while the letters themselves are
gone. People forgotten before this revision left no trace, so there is nothing to fill in.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "retired_pseudonyms",
        sa.Column("mark", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("mark", name=op.f("pk_retired_pseudonyms")),
    )


def downgrade() -> None:
    op.drop_table("retired_pseudonyms")
