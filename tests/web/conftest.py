"""The staff web page in a real headless Chromium (Debian's `chromium`, never a download),
driven by Playwright, against `natter run` serving the page beside long polling."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from playwright.async_api import Browser, BrowserContext, async_playwright

from storage.db import Database
from tests.fake_telegram import FakeTelegram
from tests.support.processes import START_TIMEOUT, BotProcess, free_port

CHROMIUM = "/usr/bin/chromium"
SHOTS = Path("/tmp/natter-shots")


@pytest.fixture(scope="session")
def chromium(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One headless Chromium for the whole session; each test connects to it over CDP (so it
    runs on the test's own event loop) in a context of its own (its own cookies)."""
    assert shutil.which(CHROMIUM), "apt-get install chromium (.ci/run does)"
    port = free_port()
    profile = tmp_path_factory.mktemp("chromium")
    process = subprocess.Popen(
        [CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--lang=en-GB", f"--remote-debugging-port={port}", f"--user-data-dir={profile}",
         "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    address = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        try:
            httpx.get(f"{address}/json/version", timeout=1).raise_for_status()
            break
        except httpx.HTTPError:
            assert process.poll() is None, "chromium stopped at start"
            assert time.monotonic() < deadline, "chromium never answered"
            time.sleep(0.1)
    yield address
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
async def browser(chromium: str) -> AsyncIterator[Browser]:
    async with async_playwright() as playwright:
        connected = await playwright.chromium.connect_over_cdp(chromium)
        yield connected
        for made in connected.contexts[1:]:  # the first is the browser's own
            await made.close()


@pytest.fixture
async def context(browser: Browser) -> AsyncIterator[BrowserContext]:
    made = await browser.new_context(viewport={"width": 1100, "height": 900}, locale="en-GB")
    yield made
    await made.close()


@dataclass
class WebBot:
    process: BotProcess
    url: str  # WEB_URL, e.g. http://127.0.0.1:PORT/web


@pytest.fixture
async def web_bot(
    fake: FakeTelegram, db: Database, database_url: str, tmp_path: Path
) -> AsyncIterator[WebBot]:
    """`natter run` with WEB_PORT and WEB_URL: the bot polls and serves the page."""
    port = free_port()
    process = BotProcess(fake, database_url, tmp_path)
    url = f"http://127.0.0.1:{port}/web"
    process.env.update(WEB_PORT=str(port), WEB_URL=url)
    await process.start()
    deadline = asyncio.get_running_loop().time() + START_TIMEOUT
    async with httpx.AsyncClient() as client:
        while True:
            try:
                await client.get(f"{url}/sign-in")
                break
            except httpx.HTTPError:
                assert asyncio.get_running_loop().time() < deadline, process.log.read_text()
                await asyncio.sleep(0.1)
    yield WebBot(process, url)
    code = await process.stop()
    log = process.log.read_text()
    assert code == 0, log
    assert "Traceback" not in log, log
    assert fake.violations == [], fake.violations
