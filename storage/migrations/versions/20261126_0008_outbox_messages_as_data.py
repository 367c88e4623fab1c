"""outbox keeps messages as data

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-26 14:20:00

The outbox stored Telegram HTML (`text`), buttons as rows of [label, callback data] and a file
(`document_name`, `document`). It now stores what to say as data (`message`: the JSON of
bot.core.reply_to_json, version 1), the language to render it in, and how many of its Telegram
messages have gone (`parts_sent`). Every row is converted, not only those waiting, because
/mydata and erasure read sent ones too (kept 30 days): so the old columns can go.

A converted row says exactly what the old sender would have sent: its text as a fixed HTML part;
its buttons with their labels as written (the prompt `outbox.as_queued` is "{text}"), in the same
rows; a file alone (the old sender sent a file without its text).

Downgrading turns back what it can. A message made of prompt keys cannot be written out without
the prompts, so one still waiting is marked failed instead of sent half-understood.
"""

import json
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The format as this revision wrote it; later code may read newer versions, never this one less.
VERSION = 1
AS_QUEUED = "outbox.as_queued"
OLD = ("text", "document_name", "document", "buttons")
WAITING = ("pending", "sending")

outbox = sa.table(
    "outbox",
    sa.column("id", sa.Integer),
    sa.column("status", sa.String),
    sa.column("last_error", sa.String),
    sa.column("text", sa.Text),
    sa.column("document_name", sa.String),
    sa.column("document", sa.Text),
    sa.column("buttons", sa.JSON),
    sa.column("message", sa.Text),
    sa.column("language", sa.String),
    sa.column("parts_sent", sa.Integer),
)


def _as_queued(text: str) -> dict[str, Any]:
    return {"key": AS_QUEUED, "params": {"text": text}}


def message(
    text: str | None,
    document_name: str | None,
    document: str | None,
    buttons: list[list[list[str]]] | None,
) -> str:
    """The message JSON for an old row."""
    html: list[str] = []
    keys: list[dict[str, Any]] = []
    files: list[dict[str, Any]] = []
    if document is not None:
        name = _as_queued(document_name or "file.txt")
        files.append({"filename": name, "lines": [], "content": document})
    else:
        html = [text] if text else []
        for row in buttons or []:
            for i, (label, callback) in enumerate(row):
                keys.append({"label": _as_queued(label), "data": callback, "beside": i > 0})
    data = {"v": VERSION, "parts": [], "buttons": keys, "html": html, "documents": files}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def upgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("message", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("language", sa.String(length=8), nullable=True))
        batch_op.add_column(sa.Column("parts_sent", sa.Integer(), nullable=True))
    bind = op.get_bind()
    old = bind.execute(sa.select(outbox.c.id, *(outbox.c[name] for name in OLD))).all()
    if old:
        bind.execute(
            outbox.update()
            .where(outbox.c.id == sa.bindparam("row_id"))
            .values(message=sa.bindparam("new"), language="en", parts_sent=0),
            [{"row_id": row.id, "new": message(*row[1:])} for row in old],
        )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.alter_column("message", existing_type=sa.Text(), nullable=False)
        batch_op.alter_column("language", existing_type=sa.String(length=8), nullable=False)
        batch_op.alter_column("parts_sent", existing_type=sa.Integer(), nullable=False)
        for name in OLD:
            batch_op.drop_column(name)


def old_columns(stored: str) -> dict[str, Any] | None:
    """The old columns for a message this revision could have written; None if it has more."""
    try:
        data = json.loads(stored)
        if data["v"] != VERSION or data["parts"]:
            return None
        texts = [b["label"] for b in data["buttons"]]
        texts += [d["filename"] for d in data["documents"]]
        if any(say["key"] != AS_QUEUED for say in texts) or len(data["documents"]) > 1:
            return None
        if data["documents"]:
            (file,) = data["documents"]
            if file["content"] is None:
                return None
            name = file["filename"]["params"]["text"]
            return {"text": None, "document_name": name, "document": file["content"]}
        rows: list[list[list[str]]] = []
        for b in data["buttons"]:
            pair = [b["label"]["params"]["text"], b["data"]]
            if b["beside"] and rows:
                rows[-1].append(pair)
            else:
                rows.append([pair])
        html = data["html"]
        return {"text": "\n\n".join(html) if html else None, "buttons": rows or None}
    except (ValueError, KeyError, TypeError, IndexError):
        return None


def downgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("buttons", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("document", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("document_name", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("text", sa.Text(), nullable=True))
    bind = op.get_bind()
    rows = bind.execute(sa.select(outbox.c.id, outbox.c.status, outbox.c.message)).all()
    for row in rows:
        values = old_columns(row.message)
        if values is None and row.status in WAITING:
            values = {"status": "failed", "last_error": "not sent: downgraded past revision 0008"}
        if values:
            bind.execute(outbox.update().where(outbox.c.id == row.id).values(**values))
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_column("parts_sent")
        batch_op.drop_column("language")
        batch_op.drop_column("message")
