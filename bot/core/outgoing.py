"""A message Natter sends on its own, as the outbox stores it: a reply's parts as JSON.

The outbox keeps data (prompt keys and their values, buttons, fixed HTML such as a digest, files),
never Telegram HTML, so a queued message is rendered at the edge exactly like a reply to an
update. Reading is strict: anything not exactly this shape is `UnreadableReply`, so one bad row
fails on its own instead of sending something half understood.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from bot.core.messages import Button, Document, Reply, Say
from prompts import Prompts

VERSION = 1
_REPLY = {"v", "parts", "buttons", "html", "documents"}
_SAY = {"key", "params"}
_BUTTON = {"label", "data", "beside"}
_DOCUMENT = {"filename", "lines", "content"}
_VALUES = (str, int, float, bool, type(None))


class UnreadableReply(ValueError):
    """Stored JSON that is not a message this code can send (the reason, never its words)."""


def render_text(prompts: Prompts, reply: Reply, language: str) -> str:
    """The reply's parts as Telegram HTML, joined by a blank line (buttons and files aside)."""
    return "\n\n".join(prompts.text(say.key, language, **say.params) for say in reply.parts)


def reply_to_json(reply: Reply) -> str:
    """The JSON the outbox stores; only what the outbox can carry (no photo, menus or pop-up)."""
    if (
        reply.photo is not None or reply.voice or reply.menu or reply.toast is not None
        or reply.keep_buttons or reply.edits_pressed or reply.share_contact is not None
        or reply.remove_keyboard or reply.then is not None or reply.commands is not None
    ):  # fmt: skip
        raise ValueError("the outbox carries text, buttons and files only")
    data = {
        "v": VERSION,
        "parts": [_say_to_json(say) for say in reply.parts],
        "buttons": [
            {"label": _say_to_json(b.label), "data": b.data, "beside": b.beside}
            for b in reply.buttons
        ],
        "html": list(reply.html),
        "documents": [
            {
                "filename": _say_to_json(d.filename),
                "lines": [_say_to_json(say) for say in d.lines],
                "content": d.content,
            }
            for d in reply.documents
        ],
    }
    return json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def _say_to_json(say: Say) -> dict[str, Any]:
    for name, value in say.params.items():
        if not isinstance(name, str) or not isinstance(value, _VALUES):
            kind = type(value).__name__
            raise ValueError(f"{say.key}: {name!r} is a {kind}, not text or a number")
    return {"key": say.key, "params": dict(say.params)}


def reply_from_json(text: str) -> Reply:
    """The reply `reply_to_json` stored; UnreadableReply if it is anything else."""
    try:
        data = json.loads(text)
    except (TypeError, ValueError) as err:
        raise UnreadableReply(f"not JSON ({err})") from None
    fields = _fields(data, _REPLY, "the message")
    version = fields["v"]
    if type(version) is not int:  # nor a bool
        raise UnreadableReply("its version is not a whole number")
    if version != VERSION:
        raise UnreadableReply(f"unknown version {version}")
    return Reply(
        parts=tuple(_say(s, "a part") for s in _list(fields["parts"], "parts")),
        buttons=tuple(_button(b) for b in _list(fields["buttons"], "buttons")),
        html=tuple(_text(h, "an html part") for h in _list(fields["html"], "html")),
        documents=tuple(_document(d) for d in _list(fields["documents"], "documents")),
    )


def _fields(data: object, names: set[str], what: str) -> Mapping[str, object]:
    if not isinstance(data, dict) or set(data) != names:
        raise UnreadableReply(f"{what} does not have exactly the fields {', '.join(sorted(names))}")
    return data


def _list(value: object, what: str) -> list[object]:
    if not isinstance(value, list):
        raise UnreadableReply(f"{what} is not a list")
    return value


def _text(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise UnreadableReply(f"{what} is not text")
    return value


def _say(value: object, what: str) -> Say:
    fields = _fields(value, _SAY, what)
    params = fields["params"]
    if not isinstance(params, dict) or not all(isinstance(v, _VALUES) for v in params.values()):
        raise UnreadableReply(f"{what} has values that are not text or numbers")
    return Say(_text(fields["key"], "a prompt key"), params)


def _button(value: object) -> Button:
    fields = _fields(value, _BUTTON, "a button")
    if not isinstance(fields["beside"], bool):
        raise UnreadableReply("a button's beside is not true or false")
    label = _say(fields["label"], "a button's label")
    return Button(label, _text(fields["data"], "a button's data"), fields["beside"])


def _document(value: object) -> Document:
    fields = _fields(value, _DOCUMENT, "a file")
    content = fields["content"]
    if content is not None and not isinstance(content, str):
        raise UnreadableReply("a file's content is not text")
    lines = tuple(_say(s, "a file's line") for s in _list(fields["lines"], "a file's lines"))
    return Document(_say(fields["filename"], "a file's name"), lines, content)
