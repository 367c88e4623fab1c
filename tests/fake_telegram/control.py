"""Tiny JSON endpoints under /_test/ so a person can drive the standalone server with curl."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aiohttp import web

if TYPE_CHECKING:
    from .server import FakeTelegram


def _sent_json(fake: FakeTelegram) -> list[dict[str, Any]]:
    return [
        {
            "method": m.method,
            "chat_id": m.chat_id,
            "message_id": m.message_id,
            "text": m.text,
            "plain_text": m.plain_text,
            "parse_mode": m.parse_mode,
            "buttons": m.buttons(),
            "document_name": m.document_name,
            "document_size": None if m.document_bytes is None else len(m.document_bytes),
            "edits": m.edits,
            "deleted": m.deleted,
        }
        for m in fake.sent
    ]


async def _body(request: web.Request, *keys: str) -> dict[str, Any]:
    try:
        body = await request.json()
        return {key: body[key] for key in keys}
    except (ValueError, KeyError, TypeError) as exc:
        raise web.HTTPBadRequest(text=f"expected a JSON object with {', '.join(keys)}") from exc


def add_control_routes(app: web.Application, fake: FakeTelegram) -> None:
    async def send(request: web.Request) -> web.Response:
        body = await _body(request, "user_id", "text")
        try:
            update = fake.user_sends_text(int(body["user_id"]), str(body["text"]))
        except AssertionError as exc:
            return web.json_response({"error": str(exc)}, status=400)
        return web.json_response(update)

    async def press(request: web.Request) -> web.Response:
        body = await _body(request, "user_id", "message_id", "data")
        try:
            update = fake.user_presses(
                int(body["user_id"]), int(body["message_id"]), str(body["data"])
            )
        except AssertionError as exc:
            return web.json_response({"error": str(exc)}, status=400)
        return web.json_response(update)

    async def sent(request: web.Request) -> web.Response:
        return web.json_response(_sent_json(fake))

    async def violations(request: web.Request) -> web.Response:
        return web.json_response({"violations": fake.violations, "rate_limited": fake.rate_limited})

    app.router.add_post("/_test/send", send)
    app.router.add_post("/_test/press", press)
    app.router.add_get("/_test/sent", sent)
    app.router.add_get("/_test/violations", violations)
