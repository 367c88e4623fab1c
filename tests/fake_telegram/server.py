"""A fake Telegram Bot API server for end-to-end tests (aiohttp).

The bot under test talks to it over HTTP exactly as to api.telegram.org; the test plays the
human through ``user_*`` helpers and observes the bot through ``sent``/``calls``/``violations``.
Every call is checked against the official machine-readable spec; calls Telegram would reject
get Telegram's error and are listed in ``violations``.
"""

from __future__ import annotations

import asyncio
import copy
import json
import re
import secrets
import time
from collections import deque
from collections.abc import Callable
from http import HTTPStatus
from pathlib import Path
from typing import Any

from aiohttp import BodyPartReader, web

from .control import add_control_routes
from .html_entities import utf16_len
from .methods import BotApi, Call
from .spec import Spec, SpecError
from .state import (
    JSON,
    ApiError,
    CallbackRecord,
    ChatState,
    SentMessage,
    StoredFile,
    UploadedFile,
)
from .world import World

_TOKEN = re.compile(r"^\d+:[\w-]+$")
_BOT_COMMAND = re.compile(r"(?<!\S)/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?![A-Za-z0-9_@])")
# Parameters kept as raw strings when no spec is available to say so.
_STRING_PARAMS = frozenset(
    {
        "text", "caption", "callback_query_id", "parse_mode", "action", "file_id",
        "language_code", "url", "inline_message_id", "business_connection_id",
    }
)  # fmt: skip
_DEFAULT_DESCRIPTIONS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    404: "Not Found",
    409: "Conflict: terminated by other getUpdates request; make sure that only one bot "
    "instance is running",
    500: "Internal Server Error",
    502: "Bad Gateway",
}


def _error_body(status: int, description: str, retry_after: int | None = None) -> JSON:
    body: JSON = {"ok": False, "error_code": status, "description": description}
    if retry_after is not None:
        body["parameters"] = {"retry_after": retry_after}
    return body


def _command_entities(text: str) -> list[JSON]:
    return [
        {"type": "bot_command", "offset": utf16_len(text[: m.start()]), "length": utf16_len(m[0])}
        for m in _BOT_COMMAND.finditer(text)
    ]


class FakeTelegram:
    def __init__(
        self,
        token: str = "123456:TEST",
        bot_username: str = "natter_test_bot",
        spec_path: Path | None = None,
        *,
        rate_limits: bool = True,
        per_chat_burst: int = 3,
        strict_html: bool = True,
        control_endpoints: bool = False,
    ) -> None:
        self.token = token
        self.bot_id = int(token.split(":", 1)[0])
        self.bot_username = bot_username
        self.spec = Spec.load(spec_path)  # None: spec checks are skipped
        self.world = World(self.bot_id, bot_username)
        self.api = BotApi(
            self.world,
            rate_limits=rate_limits,
            per_chat_burst=per_chat_burst,
            strict_html=strict_html,
        )
        self.control_endpoints = control_endpoints
        self._faults: dict[str, deque[tuple[int, str, int | None]]] = {}
        self._cursors: dict[int, int] = {}
        self._runner: web.AppRunner | None = None
        self.host = "127.0.0.1"
        self.port = 0

    # --- lifecycle ---

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> None:
        app = web.Application(client_max_size=60 * 1024 * 1024)  # Telegram allows 50 MB uploads
        app.router.add_route("*", "/bot{token}/{method}", self._handle_api)
        app.router.add_get("/file/bot{token}/{path:.+}", self._handle_file)
        if self.control_endpoints:
            add_control_routes(app, self)
        app.router.add_route("*", "/{tail:.*}", self._handle_unknown)
        # Long polls end as soon as stop() signals, so a short shutdown timeout is enough.
        self._runner = web.AppRunner(app, shutdown_timeout=2.0, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        sockets = self._runner.addresses
        self.host, self.port = host, int(sockets[0][1])
        self.world.stopping = False

    async def stop(self) -> None:
        self.world.stopping = True
        self.world.pulse.fire()
        await self.api.webhook.clear()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeTelegram:
        await self.start()
        return self

    async def __aexit__(self, *_exc: object) -> None:
        await self.stop()

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://{self.host}:{self.port}/file/bot"

    # --- observations (live lists; tests may read them at any time) ---

    @property
    def sent(self) -> list[SentMessage]:
        return self.world.sent

    @property
    def calls(self) -> list[tuple[str, JSON]]:
        return self.world.calls

    @property
    def violations(self) -> list[str]:
        return self.world.violations

    @property
    def rate_limited(self) -> list[str]:
        return self.world.rate_limited

    @property
    def forbidden(self) -> list[str]:
        """Calls answered 403 because the user blocked the bot (allowed behaviour)."""
        return self.world.forbidden

    @property
    def injected(self) -> list[str]:
        """Calls answered with an error requested through fail_next."""
        return self.world.injected

    @property
    def conflicts(self) -> list[str]:
        """409s sent to getUpdates requests whose client had already gone away."""
        return self.world.conflicts

    @property
    def self_check_errors(self) -> list[str]:
        """Answers of this fake that do not fit the spec (bugs in the fake itself)."""
        return self.world.self_check_errors

    @property
    def callback_answers(self) -> list[JSON]:
        return self.world.callback_answers

    @property
    def chat_actions(self) -> list[tuple[int, str]]:
        return self.world.chat_actions

    def my_commands(self, scope: JSON | None = None, language_code: str = "") -> list[JSON]:
        key = BotApi._commands_key({"scope": scope, "language_code": language_code})
        return copy.deepcopy(self.world.commands.get(key, []))

    def messages_to(self, chat_id: int) -> list[SentMessage]:
        return [m for m in self.world.sent if m.chat_id == chat_id]

    def pending_updates(self) -> list[JSON]:
        """Updates queued but not yet confirmed by the bot."""
        return copy.deepcopy(self.world.updates)

    # The `timeout` parameters below are part of the public API (ASYNC109 prefers asyncio.timeout).
    async def next_message(
        self,
        chat_id: int,
        timeout: float = 15.0,  # noqa: ASYNC109
    ) -> SentMessage:
        """The next message to chat_id not returned by this method before."""
        cursor = self._cursors.get(chat_id, 0)
        arrived = await self.world.pulse.wait_for(
            lambda: len(self.messages_to(chat_id)) > cursor, timeout
        )
        messages = self.messages_to(chat_id)
        if not arrived:
            seen = "\n".join(f"  #{m.message_id} {m.method}: {m.text!r}" for m in messages)
            raise AssertionError(
                f"no new message to chat {chat_id} within {timeout}s "
                f"({cursor} already returned); sent to that chat:\n{seen or '  (nothing)'}"
                + (f"\nviolations: {self.violations}" if self.violations else "")
            )
        self._cursors[chat_id] = cursor + 1
        return messages[cursor]

    async def wait_until(
        self,
        predicate: Callable[[], bool],
        timeout: float = 15.0,  # noqa: ASYNC109
    ) -> None:
        if not await self.world.pulse.wait_for(predicate, timeout):
            raise AssertionError(f"condition not met within {timeout}s")

    async def wait_for_polling(self, timeout: float = 15.0) -> None:  # noqa: ASYNC109
        """Wait until the bot has called getUpdates at least once (it is up and polling)."""
        await self.wait_until(lambda: any(m == "getUpdates" for m, _ in self.calls), timeout)

    # --- faults on demand ---

    def fail_next(
        self,
        method: str,
        status: int,
        *,
        count: int = 1,
        retry_after: int | None = None,
        description: str | None = None,
    ) -> None:
        if status == 429:
            retry_after = retry_after or 1
            description = description or f"Too Many Requests: retry after {retry_after}"
        elif description is None:
            description = _DEFAULT_DESCRIPTIONS.get(status) or HTTPStatus(status).phrase
        queue = self._faults.setdefault(method.lower(), deque())
        queue.extend([(status, description, retry_after if status == 429 else None)] * count)

    # --- the human side ---

    def _user_chat(self, user_id: int, first_name: str, language_code: str | None) -> ChatState:
        chat = self.world.private_chat(user_id, first_name, language_code)
        if chat.blocked:
            raise AssertionError(f"user {user_id} blocked the bot; call unblock_bot() first")
        return chat

    def _user_message(self, chat: ChatState, user: JSON | None, fields: JSON) -> JSON:
        message: JSON = {
            "message_id": chat.take_message_id(),
            "from": dict(user or {}),
            "chat": dict(chat.chat),
            "date": self.world.now(),
            **fields,
        }
        self._self_check(message, "Message", "user message")
        self.world.register_file_ids(fields)
        self.world.store_message(message, from_bot=False, sent=None)
        return message

    def _self_check(self, value: Any, type_name: str, what: str) -> None:
        if self.spec is None:
            return
        error = self.spec.check_value(value, (type_name,), type_name)
        if error is not None:
            raise AssertionError(f"{what} is not a valid {type_name}: {error.description}")

    def _text_fields(self, text: str) -> JSON:
        fields: JSON = {"text": text}
        entities = _command_entities(text)
        if entities:
            fields["entities"] = entities
        return fields

    def user_sends_text(
        self, user_id: int, text: str, *, first_name: str = "Test", language_code: str = "en"
    ) -> JSON:
        chat = self._user_chat(user_id, first_name, language_code)
        message = self._user_message(chat, chat.user, self._text_fields(text))
        return self.world.queue_update("message", message)

    def user_sends(self, user_id: int, fields: JSON, *, first_name: str = "Test") -> JSON:
        chat = self._user_chat(user_id, first_name, "en")
        message = self._user_message(chat, chat.user, copy.deepcopy(fields))
        return self.world.queue_update("message", message)

    def user_sends_group_text(self, chat_id: int, user_id: int, text: str) -> JSON:
        chat = self.world.group_chat(chat_id)
        user = {"id": user_id, "is_bot": False, "first_name": "Test"}
        message = self._user_message(chat, user, self._text_fields(text))
        return self.world.queue_update("message", message)

    def user_edits(self, user_id: int, message_id: int, new_text: str) -> JSON:
        record = self.world.record(user_id, message_id)
        if record is None or record.from_bot:
            raise AssertionError(f"user {user_id} has no message {message_id} to edit")
        message = record.message
        message.pop("entities", None)
        message.update(self._text_fields(new_text))
        message["edit_date"] = self.world.now()
        return self.world.queue_update("edited_message", message)

    def add_file(
        self, data: bytes, *, file_name: str | None = None, mime_type: str | None = None
    ) -> JSON:
        """Store a file as if a user had uploaded it; returns {file_id, file_unique_id,
        file_size} to put into user_sends(...) so the bot can getFile/download it."""
        stored = self.world.add_file(
            data, folder="user_files", file_name=file_name, mime_type=mime_type
        )
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(data),
        }

    def file_bytes(self, file_id: str) -> bytes:
        return self.world.files[file_id].data

    def _callback(self, user_id: int, message: JSON, callback_data: str) -> JSON:
        chat = self.world.chats[user_id]
        query_id = str(secrets.randbits(63))
        self.world.callbacks[query_id] = CallbackRecord(query_id, time.monotonic())
        query = {
            "id": query_id,
            "from": dict(chat.user or {}),
            "message": message,
            "chat_instance": str(abs(hash((self.bot_id, user_id))) % 10**18),
            "data": callback_data,
        }
        self._self_check(query, "CallbackQuery", "callback query")
        return self.world.queue_update("callback_query", query)

    def user_presses(self, user_id: int, message_id: int, callback_data: str) -> JSON:
        """Press an inline button the bot really sent to this user (else AssertionError)."""
        chat = self._user_chat(user_id, "Test", None)
        record = self.world.record(user_id, message_id)
        if record is None or record.sent is None:
            raise AssertionError(f"the bot has no message {message_id} in chat {user_id}")
        buttons = record.sent.buttons() if "reply_markup" in record.message else []
        if callback_data not in [data for _, data in buttons]:
            raise AssertionError(
                f"message {message_id} in chat {chat.chat['id']} has no button with "
                f"callback_data {callback_data!r}; its buttons: {buttons}"
            )
        return self._callback(user_id, copy.deepcopy(record.message), callback_data)

    def user_presses_forged(self, user_id: int, message_id: int, callback_data: str) -> JSON:
        """A callback query with arbitrary data, as a modified client could send."""
        chat = self._user_chat(user_id, "Test", None)
        record = self.world.record(user_id, message_id)
        if record is not None:
            message = copy.deepcopy(record.message)
        else:
            message = {"chat": dict(chat.chat), "message_id": message_id, "date": 0}
        return self._callback(user_id, message, callback_data)

    def _member_update(self, user_id: int, old: str, new: str) -> None:
        chat = self.world.private_chat(user_id, "Test", None)
        bot = dict(self.world.bot_user)
        old_member: JSON = {"status": old, "user": bot}
        new_member: JSON = {"status": new, "user": bot}
        for member in (old_member, new_member):
            if member["status"] == "kicked":
                member["until_date"] = 0
        update = {
            "chat": dict(chat.chat),
            "from": dict(chat.user or {}),
            "date": self.world.now(),
            "old_chat_member": old_member,
            "new_chat_member": new_member,
        }
        self.world.queue_update("my_chat_member", update)

    def block_bot(self, user_id: int) -> None:
        chat = self.world.private_chat(user_id, "Test", None)
        if not chat.blocked:
            chat.blocked = True
            self._member_update(user_id, "member", "kicked")

    def unblock_bot(self, user_id: int) -> None:
        chat = self.world.private_chat(user_id, "Test", None)
        if chat.blocked:
            chat.blocked = False
            self._member_update(user_id, "kicked", "member")

    # --- HTTP ---

    async def _read_params(
        self, request: web.Request
    ) -> tuple[dict[str, str], JSON, dict[str, UploadedFile]]:
        """(string values, already-typed JSON values, file parts) from the query string and
        any of the three body encodings Telegram accepts."""
        strings: dict[str, str] = dict(request.query)
        typed: JSON = {}
        uploads: dict[str, UploadedFile] = {}
        content_type = request.content_type
        if content_type == "application/json":
            body = await request.json()
            if not isinstance(body, dict):
                raise ApiError(400, "Bad Request: the JSON body must be an object")
            typed = {k: v for k, v in body.items() if v is not None}  # null means absent
        elif content_type == "multipart/form-data":
            reader = await request.multipart()
            while (part := await reader.next()) is not None:
                if not isinstance(part, BodyPartReader) or part.name is None:
                    continue
                if part.filename is not None:
                    uploads[part.name] = UploadedFile(
                        part.name,
                        part.filename,
                        part.headers.get("Content-Type", "application/octet-stream"),
                        bytes(await part.read(decode=True)),
                    )
                else:
                    strings[part.name] = await part.text()
        elif content_type == "application/x-www-form-urlencoded":
            form = await request.post()
            strings.update({k: v for k, v in form.items() if isinstance(v, str)})
        for name in typed:
            strings.pop(name, None)
        return strings, typed, uploads

    def _decode(
        self, method: str, strings: dict[str, str], typed: JSON, uploads: dict[str, UploadedFile]
    ) -> JSON:
        fields = self.spec.methods.get(method, {}) if self.spec else {}
        params: JSON = {}
        for name, value in strings.items():
            if self.spec is not None:
                params[name] = self.spec.decode(method, name, value)
            elif name in _STRING_PARAMS:
                params[name] = value
            else:
                try:
                    params[name] = json.loads(value)
                except ValueError:
                    params[name] = value
        params.update(typed)
        for name, upload in uploads.items():
            # A file part named after a parameter is that parameter; others are attach:// targets.
            if name in fields or (self.spec is None and name in ("document", "photo")):
                params[name] = upload
        return params

    def _canonical(self, method: str) -> tuple[str | None, bool]:
        """(canonical name or None, whether the fake implements it)."""
        for name in self.api.handlers:
            if name.lower() == method.lower():
                return name, True
        if self.spec is not None:
            return self.spec.canonical_method(method), False
        return None, False

    def _reject(self, method: str, error: ApiError, request: web.Request) -> web.Response:
        note = f"{method} -> {error.status} {error.description}"
        if error.kind == "conflict":
            transport = request.transport
            client_gone = transport is None or transport.is_closing()
            (self.world.conflicts if client_gone else self.world.violations).append(note)
        else:
            target = {
                "rate_limited": self.world.rate_limited,
                "forbidden": self.world.forbidden,
                "injected": self.world.injected,
                "internal": self.world.self_check_errors,
            }.get(error.kind, self.world.violations)
            target.append(note)
        self.world.pulse.fire()
        return web.json_response(
            _error_body(error.status, error.description, error.retry_after), status=error.status
        )

    async def _handle_api(self, request: web.Request) -> web.StreamResponse:
        token, name = request.match_info["token"], request.match_info["method"]
        method, implemented = self._canonical(name)
        try:
            strings, typed, uploads = await self._read_params(request)
        except (ApiError, ValueError) as exc:
            self.world.calls.append((method or name, {}))
            error = exc if isinstance(exc, ApiError) else ApiError(400, f"Bad Request: {exc}")
            return self._reject(method or name, error, request)
        # Every call is recorded, including those rejected below.
        params = self._decode(method or name, strings, typed, uploads)
        self.world.calls.append((method or name, params))
        if token != self.token:
            # Telegram: 401 for a well-formed but wrong token, 404 for a malformed one.
            status = 401 if _TOKEN.match(token) else 404
            description = "Unauthorized" if status == 401 else "Not Found"
            return self._reject(name, ApiError(status, description), request)
        if method is None:
            return self._reject(name, ApiError(404, "Not Found"), request)
        self.world.pulse.fire()
        try:
            if not implemented:
                raise ApiError(
                    400, f"Bad Request: method {method} is not implemented by the fake server"
                )
            if self.spec is not None:
                try:
                    self.spec.check_params(method, params)
                except SpecError as exc:
                    raise ApiError(400, exc.description) from exc
            self._injected_fault(method)
            result = await self.api.handlers[method](Call(method, params, uploads))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            # A bug in the fake (or input it failed to validate): answer like a server fault.
            crash = ApiError(
                500, f"Internal Server Error: fake crashed with {exc!r}", kind="internal"
            )
            return self._reject(method, crash, request)
        except ApiError as exc:
            if exc.kind == "conflict":
                # A client that cancelled its poll to start a new one closes the old connection
                # right away; give the loop a moment to see that before judging it a conflict.
                await asyncio.sleep(0.1)
            return self._reject(method, exc, request)
        self._check_result(method, result)
        self.world.pulse.fire()
        return web.json_response({"ok": True, "result": result})

    def _injected_fault(self, method: str) -> None:
        queue = self._faults.get(method.lower())
        if queue:
            status, description, retry_after = queue.popleft()
            raise ApiError(status, description, kind="injected", retry_after=retry_after)

    def _check_result(self, method: str, result: Any) -> None:
        if self.spec is None:
            return
        returns = self.spec.returns.get(method) or ()
        error = self.spec.check_value(result, returns, "result") if returns else None
        if error is not None:
            self.world.self_check_errors.append(f"{method}: {error.description}")

    async def _handle_file(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return web.json_response(_error_body(404, "Not Found"), status=404)
        path = request.match_info["path"]
        found: StoredFile | None = next(
            (f for f in self.world.files.values() if f.file_path == path), None
        )
        if found is None:
            return web.json_response(_error_body(404, "Not Found"), status=404)
        return web.Response(body=found.data, content_type="application/octet-stream")

    async def _handle_unknown(self, request: web.Request) -> web.StreamResponse:
        return web.json_response(_error_body(404, "Not Found"), status=404)
