"""Only `natter run`, `natter db upgrade` and commands that write bring the schema up to date;
a command that only reads leaves an old schema alone and asks for `natter db upgrade` (README)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from bot.cli.main import EXIT_BAD_INPUT, EXIT_CONFIG, main, parser, writes
from storage.db import Database
from storage.migrate import alembic_config, upgrade
from tests.support.private_postgres import PrivatePostgres, private_postgres  # noqa: F401

BEHIND = "natter: the database schema is out of date: run `natter db upgrade` first.\n"
READ_ONLY = [
    ("status",),
    ("projects",),
    ("outbox",),
    ("digest", "preview", "--programme"),
    ("export", "--project", "tea", "--from", "2026-11-01", "--to", "2026-11-30"),
    ("report", "--programme", "--from", "2026-10-01", "--to", "2026-10-31"),
    ("retention", "--dry-run"),
    ("deadletters",),
]
WRITING = [
    (("db", "upgrade"), 0),
    (("partner", "add", "--slug", "age-uk", "--name", "Age UK"), 0),
    (("retention",), 0),
    (("deadletters", "--clear"), 0),
    (("person", "forget", "K7"), EXIT_BAD_INPUT),  # no such person, but it may write
    (("member", "remove", "--programme", "K7"), EXIT_BAD_INPUT),
    (("invite", "revoke", "nothing-here"), EXIT_BAD_INPUT),
]


def heads() -> tuple[str, ...]:
    return tuple(ScriptDirectory.from_config(alembic_config()).get_heads())


def previous() -> str:
    """The revision before the newest one."""
    (head,) = heads()
    down = ScriptDirectory.from_config(alembic_config()).get_revision(head).down_revision
    assert isinstance(down, str)
    return down


def revision(url: str) -> tuple[str, ...]:
    async def read() -> tuple[str, ...]:
        db = Database(url)
        try:
            async with db.engine.connect() as connection:
                return await connection.run_sync(
                    lambda c: tuple(MigrationContext.configure(c).get_current_heads())
                )
        finally:
            await db.dispose()

    return asyncio.run(read())


def migrate(url: str, to: str) -> None:
    async def run() -> None:
        db = Database(url)
        try:
            await upgrade(db, to)
        finally:
            await db.dispose()

    asyncio.run(run())


@pytest.fixture(params=["sqlite", "postgresql"])
def behind(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A database of its own one revision behind: never the session's, which other tests use."""
    if request.param == "sqlite":
        url = f"sqlite+aiosqlite:///{tmp_path / 'behind.db'}"
    else:
        cluster: PrivatePostgres = request.getfixturevalue("private_postgres")
        url = cluster.new_database()
    migrate(url, previous())
    assert revision(url) == (previous(),)
    monkeypatch.chdir(tmp_path)  # no .env
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    return url


@pytest.mark.parametrize("args", READ_ONLY, ids=lambda args: " ".join(args[:2]))
def test_a_command_that_only_reads_never_migrates(
    behind: str, args: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(list(args)) == EXIT_CONFIG
    assert capsys.readouterr().err == BEHIND  # one line, no traceback
    assert revision(behind) == (previous(),)


@pytest.mark.parametrize(("args", "code"), WRITING, ids=[" ".join(a[:2]) for a, _ in WRITING])
def test_a_command_that_writes_brings_the_schema_up_to_date(
    behind: str, args: tuple[str, ...], code: int, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(list(args)) == code, capsys.readouterr().err
    assert revision(behind) == heads()


def test_read_only_commands_work_on_a_current_schema(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", database_url)
    assert main(["status"]) == 0
    assert main(["outbox"]) == 0


def test_reading_and_writing_commands_are_told_apart() -> None:
    reads = {args for args in READ_ONLY if not writes(parser().parse_args(args))}
    assert reads == set(READ_ONLY)
    assert all(writes(parser().parse_args(args)) for args, _ in WRITING)
    for args in (
        ("digest", "run-due"),
        ("project", "add", "--partner", "p", "--slug", "s", "--name", "n"),
        ("project", "set", "--slug", "s", "--name", "n"),
        ("invite", "--programme", "--bot-username", "natter_bot"),
    ):
        assert writes(parser().parse_args(args)), args
