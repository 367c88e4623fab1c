"""A private, throwaway PostgreSQL cluster that a test may stop and start at will.

The machine's shared PostgreSQL (127.0.0.1:5432) is never touched: this one lives in its own
temporary directory, listens on a free loopback port, and is removed at the end of the session.
PostgreSQL refuses to run as root, so when we are root its tools run as the `postgres` user.
"""

from __future__ import annotations

import asyncio
import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from tests.support.processes import free_port

COMMAND_TIMEOUT = 60.0
INSTALL_HINT = "apt-get install postgresql"


class NotInstalled(RuntimeError):
    """No PostgreSQL server binaries on this machine."""


def find_bindir() -> Path:
    """Where initdb and pg_ctl live: `pg_config --bindir`, else the newest /usr/lib/postgresql."""
    candidates: list[Path] = []
    if pg_config := shutil.which("pg_config"):
        found = subprocess.run(
            [pg_config, "--bindir"], capture_output=True, text=True, timeout=10, check=False
        )
        if found.returncode == 0:
            candidates.append(Path(found.stdout.strip()))
    # Version-sorted, newest first (a plain string sort would put 9 after 15).
    installed = glob.glob("/usr/lib/postgresql/*/bin")
    candidates += sorted(
        map(Path, installed),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
        reverse=True,
    )
    for bindir in candidates:
        if (bindir / "initdb").is_file() and (bindir / "pg_ctl").is_file():
            return bindir
    raise NotInstalled(
        f"no PostgreSQL server binaries (initdb, pg_ctl) in {candidates}: {INSTALL_HINT}"
    )


class PrivatePostgres:
    def __init__(self, bindir: Path, root: Path) -> None:
        self.bindir = bindir
        self.root = root  # holds the data directory, the Unix socket and the server log
        self.data = root / "data"
        self.log = root / "server.log"
        self.port = free_port()
        self._names = itertools.count(1)
        self._as_postgres = os.geteuid() == 0

    def _command(self, tool: str, *args: str) -> list[str]:
        command = [str(self.bindir / tool), *args]
        return ["runuser", "-u", "postgres", "--", *command] if self._as_postgres else command

    def _ctl(self, *args: str) -> list[str]:
        options = (
            f"-c port={self.port} -c listen_addresses=127.0.0.1 "
            f"-c unix_socket_directories={self.root} -c fsync=off"
        )
        return self._command("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options,
                             "-w", "-t", "30", *args)  # fmt: skip

    def _run(self, command: Sequence[str]) -> None:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=COMMAND_TIMEOUT, check=False
        )
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} failed:\n{done.stdout}{done.stderr}")

    async def _arun(self, command: Sequence[str]) -> None:
        """As _run, without blocking the event loop (the fake Telegram server runs on it)."""
        proc = await asyncio.create_subprocess_exec(
            *command, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT
        )
        out, _ = await asyncio.wait_for(proc.communicate(), timeout=COMMAND_TIMEOUT)
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} failed:\n{out.decode(errors='replace')}")

    def create(self) -> None:
        if self._as_postgres:
            user = pwd.getpwnam("postgres")
            os.chown(self.root, user.pw_uid, user.pw_gid)
        # -N: no fsync of the new cluster; it lives for one test session.
        self._run(self._command("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres",
                                "-N"))  # fmt: skip
        self._run(self._ctl("start"))

    def new_database(self) -> str:
        """A fresh, empty database in the cluster; returns its SQLAlchemy URL."""
        name = f"natter_{next(self._names)}"
        self._run(self._command("createdb", "-h", "127.0.0.1", "-p", str(self.port),
                                "-U", "postgres", name))  # fmt: skip
        return f"postgresql+asyncpg://postgres@127.0.0.1:{self.port}/{name}"

    async def stop(self, mode: str = "fast") -> None:
        await self._arun(self._ctl("stop", "-m", mode))

    async def start(self) -> None:
        await self._arun(self._ctl("start"))

    def destroy(self) -> None:
        if (self.data / "postmaster.pid").exists():
            subprocess.run(self._ctl("stop", "-m", "immediate"), capture_output=True,
                           timeout=COMMAND_TIMEOUT, check=False)  # fmt: skip
        shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture(scope="session")
def private_postgres() -> Iterator[PrivatePostgres]:
    """One private cluster for the session; each test takes its own database in it."""
    # Not pytest's tmp_path: its parents are private to root, and the server runs as postgres.
    cluster = PrivatePostgres(find_bindir(), Path(tempfile.mkdtemp(prefix="natter-pg-")))
    try:
        cluster.create()
        yield cluster
    finally:
        cluster.destroy()
