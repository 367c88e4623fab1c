"""Every message Natter composes, made to fit Telegram's limits before it is sent.

Prompts are short: only the values filled into them (what people wrote, names, places) can make
a message too long. So a part that would not fit has its longest values cut, each ending with
an ellipsis (`general.trimmed`), never the prompt's own words and never inside a tag or an
entity (values are cut before they are escaped). The parts are then packed into as few
messages as fit, a part never split while it fits a message of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from bot.core.limits import (
    BUTTON_TEXT_LIMIT,
    CAPTION_LIMIT,
    TELEGRAM_TEXT_LIMIT,
    blank,
    cut_plain,
    split_message,
    utf16_len,
    visible_length,
)
from bot.core.messages import Say
from prompts import Prompts

TRIMMED = "general.trimmed"
PART_GAP = "\n\n"  # between the parts of one message
_LOOSE = " \t\n,;:-\u2013\u2014"  # not left dangling before the ellipsis


def fit_messages(prompts: Prompts, parts: Iterable[Say], language: str) -> list[str]:
    """The parts as Telegram HTML messages, each within the limit, in order."""
    messages: list[str] = []
    for part in parts:
        text = _fitted(prompts, part, language, TELEGRAM_TEXT_LIMIT, html=True)
        if blank(text):
            continue  # nothing to read (a value of only spaces): Telegram refuses it
        joined = f"{messages[-1]}{PART_GAP}{text}" if messages else text
        if messages and visible_length(joined) <= TELEGRAM_TEXT_LIMIT:
            messages[-1] = joined
        elif visible_length(text) <= TELEGRAM_TEXT_LIMIT:
            messages.append(text)
        else:  # a prompt longer than a message on its own words: cut between its lines
            messages += split_message(text)
    return messages


def fit_caption(prompts: Prompts, say: Say, language: str) -> str:
    """A photo's caption as Telegram HTML within the caption limit."""
    text = _fitted(prompts, say, language, CAPTION_LIMIT, html=True)
    if visible_length(text) <= CAPTION_LIMIT:
        return text
    chunks = split_message(text, CAPTION_LIMIT)
    return chunks[0] if chunks else ""


def fit_label(prompts: Prompts, say: Say, language: str, limit: int = BUTTON_TEXT_LIMIT) -> str:
    """Plain words (a button's label, a pop-up) within `limit`."""
    text = _fitted(prompts, say, language, limit, html=False)
    return text if utf16_len(text) <= limit else cut_plain(text, limit)


def _fitted(prompts: Prompts, say: Say, language: str, limit: int, *, html: bool) -> str:
    """The prompt filled in, its longest text values cut until it fits (or none is left to cut:
    then the prompt is too long by itself, and the caller cuts it)."""
    fill: Callable[..., str] = prompts.text if html else prompts.plain
    measure = visible_length if html else utf16_len
    values = dict(say.params)
    text = fill(say.key, language, **values)
    if measure(text) <= limit:
        return text
    whole = {name: value for name, value in values.items() if isinstance(value, str)}
    mark = utf16_len(prompts.plain(TRIMMED, language, text=""))
    cut: dict[str, str] = {}  # the part of each trimmed value still shown, before its mark
    while (over := measure(text) - limit) > 0:
        shown = {
            name: utf16_len(cut[name]) + mark if name in cut else utf16_len(value)
            for name, value in whole.items()
            if (cut[name] if name in cut else utf16_len(value) > mark)
        }
        if not shown:
            break
        name = max(shown, key=lambda n: shown[n])
        cut[name] = cut_plain(whole[name], max(0, shown[name] - over - mark)).rstrip(_LOOSE)
        values[name] = prompts.plain(TRIMMED, language, text=cut[name])
        text = fill(say.key, language, **values)
    return text
