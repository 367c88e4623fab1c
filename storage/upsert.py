"""INSERT ... ON CONFLICT DO NOTHING on both backends: how exactly-once rows are claimed."""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import Table, TextualSelect, bindparam, inspect, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.dml import Insert

from storage.models import Base


def insert_ignoring_conflicts(session: AsyncSession, model: type[Base], **values: Any) -> Insert:
    """An INSERT that quietly does nothing if a unique key already exists; RETURNING its id."""
    dialect = session.bind.dialect.name
    id_column = inspect(model).primary_key[0]
    statement = (
        postgresql.insert(model) if dialect == "postgresql" else sqlite.insert(model)
    ).values(**values)
    return statement.on_conflict_do_nothing().returning(id_column)


@cache
def insert_ignoring_conflicts_sql(table: Table, columns: tuple[str, ...]) -> TextualSelect:
    """The same INSERT as SQL text, for a hot path: built once, compiled once.

    SQLAlchemy 2.0 never caches the dialects' `insert` constructs (their inherit_cache is
    False), so `insert_ignoring_conflicts` is compiled afresh on every execution. This text is
    valid on both backends (SQLite 3.35+, PostgreSQL) and, like any TextClause, compiled once;
    the typed bind parameters still convert values (enums, UTC datetimes) as the ORM would.
    """
    assert all(name.isidentifier() and name.islower() for name in columns), columns
    (id_column,) = table.primary_key.columns
    sql = (
        f"INSERT INTO {table.name} ({', '.join(columns)}) "
        f"VALUES ({', '.join(':' + name for name in columns)}) "
        f"ON CONFLICT DO NOTHING RETURNING {id_column.name}"
    )
    binds = [bindparam(name, type_=table.c[name].type) for name in columns]
    return text(sql).bindparams(*binds).columns(id_column)
