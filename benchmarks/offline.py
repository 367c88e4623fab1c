"""A minimal python-telegram-bot `BaseRequest` that answers Bot API calls in memory.

A trimmed copy of tests/support/offline.py (no HTML or button checks, no recorded parameters):
the benchmarks measure the bot, not the checker, and must not depend on the test suite.
"""

from __future__ import annotations

import itertools
import json
import time
from collections import Counter
from typing import Any

from telegram.request import BaseRequest, RequestData

BOT_USER = {
    "id": 123456,
    "is_bot": True,
    "first_name": "Natter",
    "username": "natter_bench_bot",
    "can_join_groups": False,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}
_SENDS = ("sendMessage", "sendDocument", "sendPhoto")


class OfflineRequest(BaseRequest):
    """Counts calls per Bot API method and answers each as Telegram would, at once."""

    def __init__(self) -> None:
        self.calls: Counter[str] = Counter()
        self._ids = itertools.count(1000)

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    @property
    def read_timeout(self) -> float | None:
        return 1.0

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        api_method = url.rsplit("/", 1)[-1]
        self.calls[api_method] += 1
        params = request_data.parameters if request_data else {}
        return 200, json.dumps({"ok": True, "result": self._result(api_method, params)}).encode()

    def _result(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return BOT_USER
        if method in _SENDS:
            message: dict[str, Any] = {
                "message_id": next(self._ids),
                "date": int(time.time()),
                "chat": {"id": int(params["chat_id"]), "type": "private", "first_name": "Ann"},
                "from": BOT_USER,
            }
            if method == "sendMessage":
                message["text"] = params["text"]
            return message
        return True
