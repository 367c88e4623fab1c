"""comment readings: what each comment is, staff's word on whether it needs a reply, and its
words with names kept out, and its themes

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-03 07:00:00

Comments stored before this have no reading (NULL) and are listed for a reply as before: an
idea, a thing to change, or anything relayed from a group. From now on a suggestion or question
said anywhere is listed too, and "no, that's all" is not. Comments stored before this have no
`quoted` words (NULL): staff read them as before. The suggestions' partial index is
made again with the new rule (storage.models.is_suggestion, as each backend renders it).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

READINGS = ("suggestion", "question", "praise", "remark", "not_feedback")
INDEX, COLUMNS = "ix_comments_suggestions", ["project_id", "response_id", "created_at"]
BEFORE = "flagged = {false} AND (kind IN ('change', 'idea') OR source = 'relayed')"
AFTER = (
    "flagged = {false} AND (needs_reply = {true} OR needs_reply IS NULL AND "
    "(reading IN ('suggestion', 'question') OR (kind IN ('change', 'idea') OR source = 'relayed') "
    "AND (reading IS NULL OR reading != 'not_feedback')))"
)


def _index(where: str) -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    words = {"false": "0", "true": "1"} if sqlite else {"false": "false", "true": "true"}
    predicate = sa.text(where.format(**words))
    op.create_index(INDEX, "comments", COLUMNS, sqlite_where=predicate, postgresql_where=predicate)


def upgrade() -> None:
    op.drop_index(INDEX, table_name="comments")
    if op.get_bind().dialect.name == "sqlite":
        # Added in place: a batch copy of the table would make its indexes again in no set
        # order, and SQLite breaks ties between equal indexes by that order.
        readings = ", ".join(f"'{r}'" for r in READINGS)
        op.execute(
            "ALTER TABLE comments ADD COLUMN reading VARCHAR(16) "
            f"CONSTRAINT ck_comments_reading CHECK (reading IN ({readings}))"
        )
    else:
        op.add_column("comments", sa.Column("reading", _reading(), nullable=True))
    op.add_column("comments", sa.Column("needs_reply", sa.Boolean(), nullable=True))
    op.add_column("comments", sa.Column("quoted", sa.Text(), nullable=True))
    op.add_column("comments", sa.Column("themes", sa.JSON(), nullable=True))
    op.add_column("comments", sa.Column("staff_themes", sa.JSON(), nullable=True))
    _index(AFTER)


def _reading() -> sa.Enum:
    return sa.Enum(*READINGS, name="reading", native_enum=False, create_constraint=True, length=16)


def downgrade() -> None:
    op.drop_index(INDEX, table_name="comments")
    with op.batch_alter_table("comments", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_comments_reading"), type_="check")
        batch_op.drop_column("staff_themes")
        batch_op.drop_column("themes")
        batch_op.drop_column("quoted")
        batch_op.drop_column("needs_reply")
        batch_op.drop_column("reading")
    _index(BEFORE)
