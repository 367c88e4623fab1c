"""The token never shows, and start-up says plainly what is wrong with the Bot API settings."""

from __future__ import annotations

import asyncio
import io
import logging
import os
import sys
from pathlib import Path

import pytest

from bot.runtime import logs
from tests.fake_telegram import FakeTelegram
from tests.support.harness import Harness
from tests.support.processes import ROOT, BotProcess, free_port
from tests.support.seed import seed_project

WRONG_TOKEN = "999999:WRONGSECRETTOKENxyz"
ANN = 515151


async def natter(base_url: str, token: str, database_url: str, *args: str) -> tuple[int, str]:
    env = {
        **os.environ, "PYTHONPATH": str(ROOT), "TELEGRAM_BOT_TOKEN": token,
        "TELEGRAM_BASE_URL": base_url, "DATABASE_URL": database_url, "LOG_LEVEL": "DEBUG",
    }  # fmt: skip
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", *args, env=env, cwd=ROOT,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    out, _ = await asyncio.wait_for(proc.communicate(), timeout=60)
    assert proc.returncode is not None
    return proc.returncode, out.decode()


async def test_a_refused_token_stops_start_up_in_one_line(
    fake: FakeTelegram, database_url: str
) -> None:
    code, out = await natter(fake.base_url, WRONG_TOKEN, database_url, "run")
    assert code == 2, out
    assert WRONG_TOKEN not in out and "WRONGSECRET" not in out
    assert "401" in out and "TELEGRAM_BOT_TOKEN" in out and "Traceback" not in out
    assert len(out.strip().splitlines()) == 1, out


async def test_a_wrong_address_stops_start_up_in_one_line(
    fake: FakeTelegram, database_url: str
) -> None:
    wrong = fake.base_url.replace("/bot", "/not-the-bot-api")
    code, out = await natter(wrong, WRONG_TOKEN, database_url, "run")
    assert code == 2, out
    assert "WRONGSECRET" not in out and "TELEGRAM_BASE_URL" in out and "404" in out
    assert len(out.strip().splitlines()) == 1, out


async def test_commands_that_ask_telegram_never_print_the_token(
    fake: FakeTelegram, database_url: str, harness: Harness
) -> None:
    await seed_project(harness.db)
    code, out = await natter(
        fake.base_url, WRONG_TOKEN, database_url,
        "invite", "--project", "firth-park", "--role", "participant",
    )  # fmt: skip
    assert code == 1, out
    assert "WRONGSECRET" not in out and "--bot-username" in out and "Traceback" not in out


async def test_an_unreachable_telegram_is_waited_for(database_url: str, tmp_path: Path) -> None:
    """Nothing listens at first: one warning per try, no traceback; then it starts polling."""
    port = free_port()
    fake = FakeTelegram(token="123456:TEST")
    process = BotProcess(fake, database_url, tmp_path)
    process.env["TELEGRAM_BASE_URL"] = f"http://127.0.0.1:{port}/bot"
    await process.spawn()
    try:
        # Up to a minute for the process to start and try: on a busy machine its imports alone
        # have taken over 10 s (the check is what it logs, not how soon).
        for _ in range(600):
            if process.log.exists() and "trying again in 2 s" in process.log.read_text():
                break
            await asyncio.sleep(0.1)
        log = process.log.read_text()
        assert "Telegram cannot be reached" in log and "Traceback" not in log, log
        assert not process.exited
        await fake.start(port=port)
        await process.wait_ready()
    finally:
        await process.stop()
        await fake.stop()
    assert "Traceback" not in process.log.read_text()


async def test_debug_logs_carry_no_token_and_no_words(
    fake: FakeTelegram, database_url: str, tmp_path: Path, harness: Harness
) -> None:
    seeded = await seed_project(harness.db)
    process = BotProcess(fake, database_url, tmp_path)
    process.env["LOG_LEVEL"] = "DEBUG"
    await process.start()
    try:
        fake.user_sends_text(ANN, f"/start {seeded.participant_code}", first_name="Margaret")
        consent = await fake.next_message(ANN)
        fake.user_presses(ANN, consent.message_id, consent.buttons()[0][1])
        await fake.next_message(ANN)
        fake.user_sends_text(ANN, "Zebedee played the ukulele", first_name="Margaret")
        await fake.next_message(ANN)
    finally:
        await process.stop()
    log = process.log.read_text()
    assert fake.token not in log and "Zebedee" not in log and "Margaret" not in log


def test_the_formatter_cuts_secrets_from_messages_arguments_and_tracebacks() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logs.RedactingFormatter(["123:SECRET", "hook-secret"]))
    logger = logging.getLogger("tests.redaction")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.warning("calling https://api/bot123:SECRET/getMe with %s", "hook-secret")
        try:
            raise RuntimeError("The token `123:SECRET` was rejected")
        except RuntimeError:
            logger.exception("failed")
    finally:
        logger.removeHandler(handler)
    text = stream.getvalue()
    assert "SECRET" not in text and "hook-secret" not in text
    assert text.count(logs.REDACTED) == 4 and "Traceback" in text  # line, source, error


@pytest.mark.parametrize("level", [logging.DEBUG, logging.INFO])
def test_python_telegram_bot_never_logs_below_info(level: int) -> None:
    root = logging.getLogger()
    handlers, old_level = root.handlers[:], root.level
    try:
        logs.configure(level, ["123:SECRET"])
        assert logging.getLogger("telegram").getEffectiveLevel() >= logging.INFO
        assert logging.getLogger("httpx").getEffectiveLevel() >= logging.WARNING
    finally:
        root.handlers[:] = handlers
        root.setLevel(old_level)
