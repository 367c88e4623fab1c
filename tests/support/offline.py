"""python-telegram-bot's offline seam: a fake `BaseRequest` that answers like Telegram.

It records every call so tests can assert on what the bot sent, and keeps the limits that
matter for rendering (4096 characters as Telegram counts them, 64-byte button data, HTML that
parses).
"""

from __future__ import annotations

import itertools
import json
import time
from dataclasses import dataclass, field
from typing import Any

from telegram.request import BaseRequest, RequestData

from tests.fake_telegram.formatting import FormatError, check_caption, check_text, parse_text
from tests.support.html_check import html_errors

BOT_ID = 123456
BOT_USER = {
    "id": BOT_ID,
    "is_bot": True,
    "first_name": "Natter",
    "username": "natter_test_bot",
    "can_join_groups": False,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}


@dataclass
class Call:
    method: str
    params: dict[str, Any]

    @property
    def text(self) -> str:
        return str(self.params.get("text") or self.params.get("caption") or "")

    @property
    def markup(self) -> dict[str, Any]:
        markup = self.params.get("reply_markup")
        return (json.loads(markup) if isinstance(markup, str) else markup) or {}

    @property
    def buttons(self) -> list[tuple[str, str]]:
        rows = self.markup.get("inline_keyboard", [])
        return [(b["text"], b.get("callback_data", "")) for row in rows for b in row]

    @property
    def menu(self) -> list[str]:
        """Labels of a reply keyboard (the buttons kept under the message box)."""
        return [b["text"] for row in self.markup.get("keyboard", []) for b in row]


@dataclass
class Failure:
    status: int
    description: str
    retry_after: int | None = None


@dataclass
class OfflineRequest(BaseRequest):
    """Answers Bot API calls in memory. `fail(method, ...)` queues Telegram-style errors."""

    calls: list[Call] = field(default_factory=list)
    failures: dict[str, list[Failure]] = field(default_factory=dict)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1000))

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    @property
    def read_timeout(self) -> float | None:
        return 1.0

    def fail(
        self,
        method: str,
        status: int,
        description: str,
        *,
        retry_after: int | None = None,
        count: int = 1,
    ) -> None:
        self.failures.setdefault(method, []).extend(
            [Failure(status, description, retry_after)] * count
        )

    def sent(self, method: str | None = None) -> list[Call]:
        return [c for c in self.calls if method is None or c.method == method]

    def messages(self) -> list[Call]:
        return [c for c in self.calls if c.method in ("sendMessage", "sendDocument", "sendPhoto")]

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
        params = dict(request_data.parameters) if request_data else {}
        if request_data and request_data.multipart_data:
            for name, (filename, content, _mime) in request_data.multipart_data.items():
                params[name] = {"filename": filename, "content": content}
        self.calls.append(Call(api_method, params))
        queued = self.failures.get(api_method)
        if queued:
            failure = queued.pop(0)
            body: dict[str, Any] = {
                "ok": False,
                "error_code": failure.status,
                "description": failure.description,
            }
            if failure.retry_after is not None:
                body["parameters"] = {"retry_after": failure.retry_after}
            return failure.status, json.dumps(body).encode()
        problem = self._problem(api_method, params)
        if problem:
            return 400, json.dumps(
                {"ok": False, "error_code": 400, "description": problem}
            ).encode()
        return 200, json.dumps({"ok": True, "result": self._result(api_method, params)}).encode()

    def _problem(self, method: str, params: dict[str, Any]) -> str | None:
        text = params.get("text")
        caption = params.get("caption")
        mode = params.get("parse_mode")
        if mode == "HTML":
            source = str(text or params.get("caption") or "")
            errors = html_errors(source)
            if errors:
                return f"Bad Request: can't parse entities: {errors[0]}"
        # Lengths as Telegram counts them: after the HTML is parsed, in UTF-16 code units.
        try:
            if caption:
                check_caption(parse_text(str(caption), mode, None)[0])
            if method == "sendMessage":
                check_text(parse_text(str(text or ""), mode, None)[0])
        except FormatError as err:
            return err.description
        for label, data in Call(method, params).buttons:
            if not label or not data or len(data.encode()) > 64:
                return "Bad Request: BUTTON_DATA_INVALID"
        return None

    def _result(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return BOT_USER
        if method in ("sendMessage", "sendDocument", "sendPhoto"):
            message: dict[str, Any] = {
                "message_id": next(self._ids),
                "date": int(time.time()),
                "chat": {"id": int(params["chat_id"]), "type": "private", "first_name": "Ann"},
                "from": BOT_USER,
            }
            if method == "sendMessage":
                message["text"] = params["text"]
            elif method == "sendPhoto":
                message["photo"] = [
                    {"file_id": "p1", "file_unique_id": "p1u", "width": 410, "height": 410}
                ]
                message["caption"] = params.get("caption")
            else:
                doc = params["document"]
                message["document"] = {
                    "file_id": "doc1",
                    "file_unique_id": "doc1u",
                    "file_name": doc["filename"],
                    "file_size": len(doc["content"]),
                }
                message["caption"] = params.get("caption")
            markup = Call(method, params).markup
            if "inline_keyboard" in markup:  # Telegram echoes only inline keyboards
                message["reply_markup"] = markup
            return message
        return True
