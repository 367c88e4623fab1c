"""email delivery: where each team member's digests and alerts go, their address, and which
channel carries each outbox row

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03 11:00:00

Everyone stored before this keeps getting everything in Telegram (`delivery` 'telegram', no
address), and every row already in the outbox is a Telegram message (`channel` 'telegram').
Only the address is kept for email: no name, nothing else.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DELIVERIES = ("telegram", "email", "both")
CHANNELS = ("telegram", "email")


def _add_choice(table: str, column: str, values: tuple[str, ...]) -> None:
    """A NOT NULL string column with a CHECK, defaulting to 'telegram' for the rows there."""
    if op.get_bind().dialect.name == "sqlite":
        # Added in place (as in 0015): a batch copy would make the table's indexes again in
        # no set order, and SQLite's planner breaks ties between equal indexes by it.
        allowed = ", ".join(f"'{v}'" for v in values)
        op.execute(
            f"ALTER TABLE {table} ADD COLUMN {column} VARCHAR(16) DEFAULT 'telegram' NOT NULL "
            f"CONSTRAINT ck_{table}_{column} CHECK ({column} IN ({allowed}))"
        )
        return
    kind = sa.Enum(*values, name=column, native_enum=False, create_constraint=True, length=16)
    op.add_column(table, sa.Column(column, kind, nullable=False, server_default="telegram"))


def upgrade() -> None:
    _add_choice("people", "delivery", DELIVERIES)
    op.add_column("people", sa.Column("email", sa.String(length=254), nullable=True))
    _add_choice("outbox", "channel", CHANNELS)


def downgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_outbox_channel"), type_="check")
        batch_op.drop_column("channel")
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_people_delivery"), type_="check")
        batch_op.drop_column("email")
        batch_op.drop_column("delivery")
