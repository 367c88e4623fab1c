"""INSERT ... ON CONFLICT DO NOTHING on both backends: how exactly-once rows are claimed."""

from __future__ import annotations

from typing import Any

from sqlalchemy import inspect
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
