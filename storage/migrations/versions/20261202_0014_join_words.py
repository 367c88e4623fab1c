"""join words: a short word per project that joins as a participant (PARK47)

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02 22:00:00

Each project gets a participant invite of its own carrying its word (letters without I or O,
then two digits without 0 or 1), made here for the projects that exist already. Downgrading
drops the column and those invites; links already printed keep working.
"""

import re
import secrets
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

import storage.types

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_LETTERS = set("ABCDEFGHJKLMNPQRSTUVWXYZ")
_DIGITS = "23456789"
_FALLBACK = ("PARK", "CAKE", "TEA", "SUN", "BEE", "DUCK", "LEAF", "STAR", "BELL", "LAKE")


def _word(name: str, taken: set[str]) -> str:
    stems = [w for w in re.findall(r"[A-Za-z]+", name.upper()) if 3 <= len(w) <= 5]
    stems = [w for w in stems if not set(w) - _LETTERS] or list(_FALLBACK)
    while True:
        word: str = secrets.choice(stems) + "".join(secrets.choice(_DIGITS) for _ in range(2))
        if word not in taken:
            taken.add(word)
            return word


def upgrade() -> None:
    with op.batch_alter_table("invites", schema=None) as batch_op:
        batch_op.add_column(sa.Column("word", sa.String(length=12), nullable=True))
        batch_op.create_unique_constraint(batch_op.f("uq_invites_word"), ["word"])
    bind = op.get_bind()
    invites = sa.table(
        "invites",
        sa.column("code", sa.String), sa.column("word", sa.String), sa.column("role", sa.String),
        sa.column("project_id", sa.Integer), sa.column("uses_left", sa.Integer),
        sa.column("created_at", storage.types.UTCDateTime(timezone=True)),
    )  # fmt: skip
    taken: set[str] = set()
    now = datetime.now(UTC)
    for project_id, name in bind.execute(sa.text("SELECT id, name FROM projects ORDER BY id")):
        bind.execute(
            invites.insert().values(
                code=secrets.token_urlsafe(18).replace("-", "x"), word=_word(name, taken),
                role="participant", project_id=project_id, uses_left=None, created_at=now,
            )
        )  # fmt: skip


def downgrade() -> None:
    op.execute("DELETE FROM invites WHERE word IS NOT NULL")
    with op.batch_alter_table("invites", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_invites_word"), type_="unique")
        batch_op.drop_column("word")
