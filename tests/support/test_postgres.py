"""The PostgreSQL `make test` runs the suite on: whatever answers at TEST_POSTGRES_URL, else a
private throwaway cluster started from the installed PostgreSQL binaries and removed afterwards
(the same kind of cluster the fault tests use, tests/support/private_postgres.py).

    python -m tests.support.test_postgres URL -- COMMAND [ARG...]

runs COMMAND with TEST_DATABASE_URL set to the database to use, and exits with its status.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy.engine import make_url

from tests.support.private_postgres import INSTALL_HINT, NotInstalled, PrivatePostgres, find_bindir

EXIT_NO_POSTGRES = 2
CONNECT_SECONDS = 2.0


def answers(url: str) -> bool:
    """Something accepts a connection at the URL's host and port."""
    parsed = make_url(url)
    try:
        with socket.create_connection(
            (parsed.host or "127.0.0.1", parsed.port or 5432), timeout=CONNECT_SECONDS
        ):
            return True
    except OSError:
        return False


def run(command: Sequence[str], database_url: str) -> int:
    return subprocess.run(command, env={**os.environ, "TEST_DATABASE_URL": database_url}).returncode


def main(argv: Sequence[str]) -> int:
    if len(argv) < 3 or argv[1] != "--":
        print(__doc__, file=sys.stderr)
        return EXIT_NO_POSTGRES
    url, command = argv[0], argv[2:]
    if answers(url):
        return run(command, url)
    where = make_url(url).render_as_string(hide_password=True)
    try:
        bindir = find_bindir()
    except NotInstalled:
        print(
            f"Nothing answers at {where} and PostgreSQL is not installed to start one: "
            f"{INSTALL_HINT} (or set TEST_POSTGRES_URL).",
            file=sys.stderr,
        )
        return EXIT_NO_POSTGRES
    cluster = PrivatePostgres(bindir, Path(tempfile.mkdtemp(prefix="natter-pg-")))
    print(
        f"Nothing answers at {where}: starting a private PostgreSQL ({bindir}) in {cluster.root}, "
        "removed afterwards.",
        flush=True,
    )
    try:
        cluster.create()
        return run(command, cluster.new_database())
    finally:
        cluster.destroy()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
