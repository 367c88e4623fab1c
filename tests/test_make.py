"""`make test` on any machine: the Makefile names no path of one particular machine, and the
PostgreSQL the suite runs on is whatever answers at TEST_POSTGRES_URL, else a private throwaway
cluster started for the run (tests/support/test_postgres.py)."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import test_postgres
from tests.support.private_postgres import NotInstalled
from tests.support.processes import free_port

ROOT = Path(__file__).resolve().parent.parent
PRINT_URL = "import os; print('using', os.environ['TEST_DATABASE_URL'])"
# Connects to the database it was given and prints where, so the test sees a real server.
QUERY = """
import asyncio, os, asyncpg
url = os.environ["TEST_DATABASE_URL"]
async def main():
    connection = await asyncpg.connect(url.replace("postgresql+asyncpg://", "postgresql://"))
    print("answered", await connection.fetchval("SELECT 40 + 2"), url)
    await connection.close()
asyncio.run(main())
"""


def url_at(port: int) -> str:
    return f"postgresql+asyncpg://postgres@127.0.0.1:{port}/test"


def test_the_makefile_names_no_path_of_one_machine() -> None:
    text = (ROOT / "Makefile").read_text()
    assert not re.search(r"(?<![\w.)])/(work|home|root|srv|opt)/", text), text
    assert "../shared/telegram-bot-api/api-10.0.json" in text
    assert "tests.support.test_postgres $(TEST_POSTGRES_URL) --" in text


def test_a_server_that_answers_is_used_as_it_is(capfd: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        url = url_at(listener.getsockname()[1])
        assert test_postgres.answers(url)
        assert test_postgres.main([url, "--", sys.executable, "-c", PRINT_URL]) == 0
        assert capfd.readouterr().out == f"using {url}\n"
        # The command's own exit status is make's.
        assert test_postgres.main([url, "--", sys.executable, "-c", "raise SystemExit(3)"]) == 3
    assert not test_postgres.answers(url)


def test_with_nothing_answering_a_private_cluster_is_started_then_removed(
    capfd: pytest.CaptureFixture[str],
) -> None:
    url = url_at(free_port())
    assert test_postgres.main([url, "--", sys.executable, "-c", QUERY]) == 0
    said, answered = capfd.readouterr().out.strip().splitlines()
    found = re.search(r"starting a private PostgreSQL \(.+\) in (\S+), removed afterwards", said)
    assert found and said.startswith(f"Nothing answers at {url}"), said
    assert answered.startswith("answered 42 postgresql+asyncpg://postgres@127.0.0.1:"), answered
    private = answered.split()[-1]
    assert private != url and not test_postgres.answers(private)  # stopped
    assert not Path(found.group(1)).exists()  # and its directory removed


def test_with_no_postgresql_installed_it_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    def nothing() -> Path:
        raise NotInstalled("no PostgreSQL server binaries")

    monkeypatch.setattr(test_postgres, "find_bindir", nothing)
    url = url_at(free_port())
    assert test_postgres.main([url, "--", sys.executable, "-c", PRINT_URL]) == 2
    out, err = capfd.readouterr()
    assert out == "" and len(err.splitlines()) == 1
    assert f"Nothing answers at {url}" in err and "apt-get install postgresql" in err


def _side_by_side(*commands: tuple[str, str]) -> subprocess.CompletedProcess[str]:
    argv = [sys.executable, "-m", "tests.support.side_by_side"]
    for n, (name, code) in enumerate(commands):
        argv += (["---"] if n else []) + [name, "--", sys.executable, "-c", code]
    return subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=60, check=False)


def test_make_test_runs_both_databases_side_by_side_and_fails_if_either_does() -> None:
    both = _side_by_side(("one", "print('from one')"), ("two", "print('from two')"))
    assert both.returncode == 0, both.stdout
    assert "== one: passed" in both.stdout and "from one" in both.stdout
    assert "== two: passed" in both.stdout and "from two" in both.stdout
    failing = _side_by_side(("good", "print('fine')"), ("bad", "import sys; sys.exit(3)"))
    assert failing.returncode == 1
    assert "== bad: FAILED (3)" in failing.stdout and "== good: passed" in failing.stdout
    text = (ROOT / "Makefile").read_text()
    assert "tests.support.side_by_side" in text and '"tests on SQLite" --' in text
