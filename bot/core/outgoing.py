"""A message Natter sends on its own, as the outbox stores it: a reply's parts as JSON.

The outbox keeps data (prompt keys and their values, buttons, fixed HTML such as a digest, files),
never Telegram HTML, so a queued message is rendered at the edge exactly like a reply to an
update. Reading is strict: anything not exactly this shape is `UnreadableReply`, so one bad row
fails on its own instead of sending something half understood.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping
from typing import Any

from bot.core.messages import Button, Document, Photo, Reply, Say
from prompts import Prompts

VERSION = 1
_REPLY = {"v", "parts", "buttons", "html", "documents"}
_SUBJECT = "subject"  # only on an email's row, so rows queued before email read as they were
_SAY = {"key", "params"}
_BUTTON = {"label", "data", "beside"}
_DOCUMENT = {"filename", "lines", "content"}
# A picture (a digest's chart): its PNG in base64, and its caption. Written only when there is
# one, so every row queued before pictures could be stays readable as it is.
_PHOTO = {"png", "caption"}
_VALUES = (str, int, float, bool, type(None))


class UnreadableReply(ValueError):
    """Stored JSON that is not a message this code can send (the reason, never its words)."""


def render_text(prompts: Prompts, reply: Reply, language: str) -> str:
    """The reply's parts as Telegram HTML, joined by a blank line (buttons and files aside)."""
    return "\n\n".join(prompts.text(say.key, language, **say.params) for say in reply.parts)


def reply_to_json(reply: Reply) -> str:
    """The JSON the outbox stores; only what the outbox can carry (no menus or pop-up)."""
    if (
        reply.voice or reply.menu or reply.toast is not None
        or reply.keep_buttons or reply.share_contact is not None or reply.remove_keyboard
        or reply.then is not None or reply.commands is not None
    ):  # fmt: skip
        raise ValueError("the outbox carries text, buttons, files and pictures only")
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
    if reply.subject is not None:
        data[_SUBJECT] = _say_to_json(reply.subject)
    if reply.photo is not None:
        png = base64.b64encode(reply.photo.png).decode("ascii")
        data["photo"] = {"png": png, "caption": _say_to_json(reply.photo.caption)}
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
    # Each written only when set, so a message queued before either was added still reads.
    has_subject = isinstance(data, dict) and _SUBJECT in data
    with_photo = isinstance(data, dict) and "photo" in data
    allowed = _REPLY | ({_SUBJECT} if has_subject else set()) | ({"photo"} if with_photo else set())
    fields = _fields(data, allowed, "the message")
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
        subject=_say(fields[_SUBJECT], "the subject") if has_subject else None,
        photo=_photo(fields["photo"]) if with_photo else None,
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


def _photo(value: object) -> Photo:
    fields = _fields(value, _PHOTO, "a picture")
    encoded = _text(fields["png"], "a picture")
    try:
        png = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        raise UnreadableReply("a picture is not base64") from None
    return Photo(png, _say(fields["caption"], "a picture's caption"))
