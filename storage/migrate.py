"""Schema upgrades, run by `natter db upgrade`, at the start of `natter run` and by commands that
write; commands that only read check the schema is current instead."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection

from storage.db import Database

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


async def upgrade(db: Database, revision: str = "head") -> None:
    """Bring the schema up to `revision` on the database's own connection."""

    def _upgrade(connection: Connection) -> None:
        command.upgrade(alembic_config(connection), revision)

    async with db.engine.begin() as connection:
        await connection.run_sync(_upgrade)


async def is_current(db: Database) -> bool:
    """True when the schema is at the newest migration; reads only, changes nothing."""

    def _current(connection: Connection) -> bool:
        heads = ScriptDirectory.from_config(alembic_config()).get_heads()
        return set(MigrationContext.configure(connection).get_current_heads()) == set(heads)

    async with db.reading() as session:
        connection = await session.connection()
        return await connection.run_sync(_current)
