"""voice transcripts: the words heard in a voice note, beside its file id

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 18:40:00

Columns on comments only, so a transcript goes wherever its voice note goes (/forget and the
retention sweep delete the row whole). Downgrading drops the words heard.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.types

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMNs, not a batch copy of the table (which would lose the partial indexes on
    # SQLite); the status is checked by the model (storage.models.Heard), like other late adds.
    op.add_column("comments", sa.Column("transcript", sa.Text(), nullable=True))
    op.add_column("comments", sa.Column("transcript_confidence", sa.Float(), nullable=True))
    op.add_column("comments", sa.Column("transcript_status", sa.String(length=16), nullable=True))
    op.add_column("comments", sa.Column("needs_listening", sa.Boolean(), nullable=True))
    op.add_column("comments", sa.Column("listened_at", storage.types.UTCDateTime(), nullable=True))


def downgrade() -> None:
    for column in (
        "listened_at", "needs_listening", "transcript_status", "transcript_confidence",
        "transcript",
    ):  # fmt: skip
        op.drop_column("comments", column)
