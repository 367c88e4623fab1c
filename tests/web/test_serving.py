"""Where the page is served: beside the webhook (one proxy, one port) and alone (`natter web`).
The browser tests cover `natter run` polling with WEB_PORT."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
from pathlib import Path

import httpx

from storage.db import Database
from tests.fake_telegram import FakeTelegram
from tests.support.processes import ROOT, START_TIMEOUT, TOKEN, WebhookProcess, free_port


async def answers(url: str) -> httpx.Response:
    deadline = asyncio.get_running_loop().time() + START_TIMEOUT
    async with httpx.AsyncClient() as client:
        while True:
            try:
                return await client.get(url)
            except httpx.HTTPError:
                assert asyncio.get_running_loop().time() < deadline, f"{url} never answered"
                await asyncio.sleep(0.1)


async def test_the_page_is_served_beside_the_webhook(
    fake: FakeTelegram, db: Database, database_url: str, tmp_path: Path
) -> None:
    process = WebhookProcess(fake, database_url, tmp_path)
    process.env["WEB_URL"] = f"{process.url}/web"
    await process.start()
    try:
        page = await answers(f"{process.url}/web/sign-in?token=x")
        assert page.status_code == 200 and "Sign me in" in page.text
        assert page.headers["content-security-policy"].startswith("default-src 'none'")
        async with httpx.AsyncClient() as client:
            refused = await client.post(f"{process.url}/web/sign-in", data={"token": "forged"})
            assert refused.status_code == 403
            # The webhook itself still wants its secret.
            assert (await client.post(f"{process.url}/telegram", json={})).status_code == 403
    finally:
        await process.stop()  # as tests/runtime/test_webhook.py stops it
    assert "Traceback" not in process.log.read_text(), process.log.read_text()


async def test_natter_web_serves_the_page_alone(
    db: Database, database_url: str, tmp_path: Path
) -> None:
    port = free_port()
    env = {
        **os.environ, "PYTHONPATH": str(ROOT), "TELEGRAM_BOT_TOKEN": TOKEN,
        "DATABASE_URL": database_url, "WEB_URL": f"http://127.0.0.1:{port}/desk",
    }  # fmt: skip
    log = tmp_path / "web.log"
    with log.open("wb") as out:
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "web", "--port", str(port),
            cwd=tmp_path, env=env, stdout=out, stderr=out, start_new_session=True,
        )  # fmt: skip
    try:
        page = await answers(f"http://127.0.0.1:{port}/desk/comments")
        assert page.status_code == 401 and "Please sign in first" in page.text
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        await asyncio.wait_for(proc.wait(), timeout=20)
    assert "Traceback" not in log.read_text(), log.read_text()
