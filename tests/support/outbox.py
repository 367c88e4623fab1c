"""The outbox as its recipients will read it: each row rendered by the outbox's own renderer."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from telegram import InlineKeyboardMarkup

from bot.core import Reply, reply_from_json
from handlers import render
from prompts import Prompts, load_prompts
from storage.models import Outbox


@dataclass(frozen=True)
class Told:
    texts: list[str]  # each Telegram message's text, as HTML
    buttons: list[list[tuple[str, str]]]  # (label, callback data), row by row
    files: list[tuple[str, str]]  # (file name, content)
    photos: list[tuple[bytes, str]] = field(default_factory=list)  # (PNG, caption as HTML)

    @property
    def text(self) -> str:
        return "\n".join(self.texts)


@cache
def _prompts() -> Prompts:
    return load_prompts()


def told(row: Outbox, prompts: Prompts | None = None) -> Told:
    """What the row's recipient will get (rendered with the app's own prompts by default)."""
    pieces = render.pieces(prompts or _prompts(), reply_from_json(row.message), row.language)
    texts = [p for p in pieces if isinstance(p, render.Text)]
    buttons = [
        [(b.text, str(b.callback_data)) for b in line]
        for p in texts
        if isinstance(p.markup, InlineKeyboardMarkup)
        for line in p.markup.inline_keyboard
    ]
    files = [(p.filename, p.body.decode()) for p in pieces if isinstance(p, render.File)]
    photos = [(p.png, p.caption) for p in pieces if isinstance(p, render.Picture)]
    return Told([p.text for p in texts], buttons, files, photos)


def html(text: str) -> Reply:
    """A message of fixed HTML, as a digest's part is queued."""
    return Reply((), html=(text,))
