"""What a webhook POST must be before it is handled: at most 1 MB, and JSON that is an update.

Anything else is answered 400 (or 413) and logged once, without its content: it did not come
from Telegram, or not in a form Telegram sends.
"""

from __future__ import annotations

import json
import logging

from starlette.requests import Request
from telegram import Bot, Update

log = logging.getLogger(__name__)
MAX_BODY = 1024 * 1024  # Telegram's updates are far smaller; nginx in deploy/ says the same


async def read_limited(request: Request, limit: int) -> bytes | None:
    """The body, or None once it passes `limit` bytes (read no further)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return None
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            return None
    return bytes(body)


def parse_update(body: bytes, bot: Bot) -> Update | None:
    """The update in `body`, or None (logged once) for anything that is not one."""
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):  # not JSON, or nested past what the parser allows
        return _refuse("not JSON")
    if not isinstance(data, dict):
        return _refuse(f"JSON {type(data).__name__}, not an object")
    update_id = data.get("update_id")
    if type(update_id) is not int:  # bool is an int to isinstance
        return _refuse("no whole-number update_id")
    try:
        return Update.de_json(data, bot)
    except (TypeError, ValueError, KeyError, AttributeError, RecursionError) as err:
        return _refuse(f"not an update ({type(err).__name__})")


def _refuse(reason: str) -> Update | None:
    log.warning("webhook: refused a body: %s", reason)
    return None
