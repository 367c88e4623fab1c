"""`natter run` as a real subprocess against the fake Bot API: long polling or a webhook.

Each process gets its own process group, so a stop (SIGTERM or SIGKILL) reaches uvicorn's
workers too, and nothing outlives the test.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import sys
from pathlib import Path

import httpx

from tests.fake_telegram import FakeTelegram

ROOT = Path(__file__).resolve().parent.parent.parent
TOKEN = "123456:TEST"
SECRET = "s3cret-for-tests"
START_TIMEOUT = 30.0
STOP_TIMEOUT = 20.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class NatterProcess:
    """`python -m bot run ...` pointed at the fake server through TELEGRAM_BASE_URL."""

    def __init__(
        self, fake: FakeTelegram, database_url: str, log: Path, *args: str, cwd: Path | None = None
    ) -> None:
        self.fake = fake
        self.args = args
        self.cwd = cwd
        self.log = log
        self.env = {
            **os.environ, "PYTHONPATH": str(ROOT), "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_BASE_URL": fake.base_url, "DATABASE_URL": database_url, "LOG_LEVEL": "INFO",
        }  # fmt: skip
        self.proc: asyncio.subprocess.Process | None = None

    async def spawn(self) -> None:
        """Start the process without waiting for it to be ready (a kill may come at any time)."""
        with self.log.open("ab") as log:
            self.proc = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot", "run", *self.args,
                cwd=self.cwd, env=self.env, stdout=log, stderr=log, start_new_session=True,
            )  # fmt: skip

    async def start(self) -> None:
        await self.spawn()
        await self.wait_ready()

    async def wait_ready(self) -> None:
        raise NotImplementedError

    @property
    def exited(self) -> bool:
        return self.proc is not None and self.proc.returncode is not None

    async def stop(self, sig: int = signal.SIGTERM) -> int:
        assert self.proc is not None
        if self.proc.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, sig)  # the whole group: uvicorn's workers too
        try:
            return await asyncio.wait_for(self.proc.wait(), timeout=STOP_TIMEOUT)
        except TimeoutError:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            return await self.proc.wait()

    async def kill(self) -> int:
        return await self.stop(signal.SIGKILL)


class BotProcess(NatterProcess):
    """`natter run` in long-polling mode; ready once it polls getUpdates."""

    def __init__(self, fake: FakeTelegram, database_url: str, workdir: Path) -> None:
        super().__init__(fake, database_url, workdir / "bot.log", cwd=workdir)
        self._polls_before = 0

    async def spawn(self) -> None:
        self._polls_before = self._polls()
        await super().spawn()

    async def wait_ready(self) -> None:
        await self.fake.wait_until(
            lambda: self._polls() > self._polls_before or self.exited, timeout=START_TIMEOUT
        )
        assert not self.exited, self.log.read_text()

    def _polls(self) -> int:
        return sum(1 for method, _ in self.fake.calls if method == "getUpdates")


class WebhookProcess(NatterProcess):
    """`natter run --webhook` on a free loopback port; ready once /healthz answers 200."""

    def __init__(self, fake: FakeTelegram, database_url: str, workdir: Path, *args: str) -> None:
        self.port = free_port()
        super().__init__(
            fake, database_url, workdir / f"webhook-{self.port}.log",
            "--webhook", "--port", str(self.port), *args,
        )  # fmt: skip
        self.env["WEBHOOK_URL"] = f"{self.url}/telegram"
        self.env["WEBHOOK_SECRET"] = SECRET

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def health(self) -> dict[str, object] | None:
        """What /healthz says, or None if nothing answers."""
        try:
            async with httpx.AsyncClient(timeout=5) as client:
                body: dict[str, object] = (await client.get(f"{self.url}/healthz")).json()
        except (httpx.HTTPError, ValueError):
            return None
        return body

    async def wait_ready(self) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + START_TIMEOUT
        while loop.time() < deadline:
            assert not self.exited, self.log.read_text()
            if (await self.health() or {}).get("ok") is True:
                return
            await asyncio.sleep(0.1)
        raise AssertionError(f"the webhook never became healthy:\n{self.log.read_text()}")
