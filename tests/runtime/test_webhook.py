"""Webhook mode over real HTTP: the fake Bot API posts updates to `natter run --webhook`."""

from __future__ import annotations

import asyncio
import signal
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from storage.db import Database
from storage.models import Comment
from tests.fake_telegram import FakeTelegram
from tests.support.harness import Harness
from tests.support.processes import SECRET, WebhookProcess
from tests.support.seed import seed_project


@pytest.fixture
async def webhook(
    fake: FakeTelegram, db: Database, database_url: str, tmp_path: Path
) -> AsyncIterator[WebhookProcess]:
    process = WebhookProcess(fake, database_url, tmp_path)
    await process.start()
    yield process
    await process.stop()
    assert "Traceback" not in process.log.read_text(), process.log.read_text()
    assert fake.violations == [], fake.violations


async def test_a_participant_joins_through_the_webhook(
    fake: FakeTelegram, webhook: WebhookProcess, db: Database, harness: Harness
) -> None:
    assert fake.api.webhook.url == f"{webhook.url}/telegram"
    seeded = await seed_project(db)
    fake.user_sends_text(1001, f"/start {seeded.participant_code}")
    consent = await fake.next_message(1001)
    fake.user_presses(1001, consent.message_id, consent.buttons()[0][1])
    assert "What did you enjoy" in ((await fake.next_message(1001)).text or "")
    fake.user_sends_text(1001, "The singing")
    assert "change" in ((await fake.next_message(1001)).text or "")
    assert await harness.count(Comment) == 1


async def test_the_secret_is_checked_and_health_reported(webhook: WebhookProcess) -> None:
    async with httpx.AsyncClient() as client:
        forged = await client.post(
            f"{webhook.url}/telegram",
            json={"update_id": 1},
            headers={"X-Telegram-Bot-Api-Secret-Token": "wrong"},
        )
        assert forged.status_code == 403
        missing = await client.post(f"{webhook.url}/telegram", json={"update_id": 1})
        assert missing.status_code == 403
        health = await client.get(f"{webhook.url}/healthz")
        assert health.status_code == 200 and health.json()["ok"] is True


NOT_UPDATES = [
    b"[1, 2]",
    b"42",
    b"{}",
    b'{"update_id": "7"}',
    b'{"update_id": true}',
    b"[" * 100_000 + b"]" * 100_000,  # nested past what the parser allows
    b'{"update_id": 5, "message": 5}',
    b'{"update_id": 6, "message": {"text": "no date, no chat"}}',
    b"not json at all \xff\xfe",
]


async def test_forged_and_odd_posts_get_nothing(webhook: WebhookProcess, harness: Harness) -> None:
    """Any secret bytes are refused with 403 (never a 500), a body that is not an update gets
    400, a body over 1 MB gets 413 from the app itself, and none of them is handled."""
    url = f"{webhook.url}/telegram"
    good = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    async with httpx.AsyncClient(timeout=30) as client:
        for value in [b"caf\xc3\xa9", b"\xff\xfe\x80", SECRET.encode() + b"\xe2\x80\x8b"]:
            odd = await client.post(
                url, content=b"{}", headers={b"X-Telegram-Bot-Api-Secret-Token": value}
            )
            assert odd.status_code == 403, value
        for body in NOT_UPDATES:
            answer = await client.post(url, content=body, headers=good)
            assert answer.status_code == 400, body[:40]
        huge = b'{"update_id": 1, "pad": "' + b"x" * (1024 * 1024) + b'"}'
        assert (await client.post(url, content=huge, headers=good)).status_code == 413
    assert await harness.count(Comment) == 0
    log = webhook.log.read_text()
    assert log.count("webhook: refused a body") == len(NOT_UPDATES) + 1, log


async def test_webhook_mode_never_runs_without_a_secret(
    fake: FakeTelegram, database_url: str, tmp_path: Path
) -> None:
    process = WebhookProcess(fake, database_url, tmp_path)
    del process.env["WEBHOOK_SECRET"]
    await process.spawn()
    assert process.proc is not None
    code = await asyncio.wait_for(process.proc.wait(), timeout=30)
    out = process.log.read_text()
    assert code == 2, out
    assert "WEBHOOK_SECRET is not set" in out and len(out.strip().splitlines()) == 1, out
    assert fake.api.webhook.url == ""  # nothing was registered


async def test_killed_mid_stream_then_restarted_loses_and_doubles_nothing(
    fake: FakeTelegram, webhook: WebhookProcess, db: Database, harness: Harness
) -> None:
    seeded = await seed_project(db)
    fake.user_sends_text(2002, f"/start {seeded.participant_code}")
    consent = await fake.next_message(2002)
    fake.user_presses(2002, consent.message_id, consent.buttons()[0][1])
    await fake.next_message(2002)
    for _ in range(4):
        question = fake.messages_to(2002)[-1]
        fake.user_presses(2002, question.message_id, question.buttons()[0][1])
        await fake.next_message(2002)
    for n in range(15):
        fake.user_sends_text(2002, f"Comment number {n}")
    await fake.wait_until(lambda: len(fake.api.webhook.delivered) >= 9, timeout=30)
    await webhook.stop(signal.SIGKILL)
    await webhook.start()
    await fake.wait_until(lambda: not fake.api.webhook.world.deliverable(), timeout=60)
    texts = sorted(c.text or "" for c in await harness.rows(Comment))
    assert texts == sorted(f"Comment number {n}" for n in range(15))


async def test_several_workers_need_postgresql(
    fake: FakeTelegram, db: Database, database_url: str, tmp_path: Path
) -> None:
    process = WebhookProcess(fake, database_url, tmp_path, "--workers", "2")
    if db.backend == "sqlite":
        assert process.proc is None
        command = ["-m", "bot", "run", "--webhook", "--workers", "2", "--port", str(process.port)]
        proc = await asyncio.create_subprocess_exec(
            sys.executable, *command, env=process.env, stderr=asyncio.subprocess.PIPE
        )
        _, err = await asyncio.wait_for(proc.communicate(), timeout=30)
        assert proc.returncode == 2 and b"Several webhook workers need PostgreSQL" in err
        return
    await process.start()
    try:
        async with httpx.AsyncClient() as client:
            healths = [(await client.get(f"{process.url}/healthz")).json() for _ in range(20)]
        assert all(h["ok"] for h in healths)
        status = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "status", env=process.env, stdout=asyncio.subprocess.PIPE,
        )  # fmt: skip
        out, _ = await status.communicate()
        assert b"Scheduler: held by PostgreSQL backend" in out
    finally:
        await process.stop()
