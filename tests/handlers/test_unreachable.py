"""Telegram going out of reach while Natter runs: one line each time python-telegram-bot tries
again, never a traceback or the address (which holds the token)."""

from __future__ import annotations

import logging
from types import SimpleNamespace
from typing import Any, cast

import pytest
from telegram.error import NetworkError, TimedOut

from handlers.fallbacks import error

TOKEN = "123456:TEST"


OUT_OF_REACH = [NetworkError(f"httpx.ConnectError: http://x/bot{TOKEN}"), TimedOut()]


@pytest.mark.parametrize("err", OUT_OF_REACH)
async def test_telegram_out_of_reach_is_one_line_without_a_traceback(
    err: Exception, caplog: pytest.LogCaptureFixture
) -> None:
    context = cast(Any, SimpleNamespace(error=err))
    with caplog.at_level(logging.DEBUG, logger="handlers"):
        await error(None, context)
    [record] = caplog.records
    assert record.levelno == logging.WARNING
    assert record.exc_info is None
    assert TOKEN not in caplog.text
    assert type(err).__name__ in record.getMessage()


async def test_any_other_error_outside_an_update_keeps_its_traceback(
    caplog: pytest.LogCaptureFixture,
) -> None:
    context = cast(Any, SimpleNamespace(error=RuntimeError("a job broke")))
    with caplog.at_level(logging.DEBUG, logger="handlers"):
        await error(None, context)
    [record] = caplog.records
    assert record.levelno == logging.ERROR and record.exc_info is not None
