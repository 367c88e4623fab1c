"""Wording shared by the digests, the spreadsheet and the funder's report: small numbers, dates,
kinds, people, names cut to length, and blocks of lines split into Telegram messages.

Every word comes from `prompts/en/staff.yaml`; what people typed only ever goes in as an
escaped prompt parameter.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from bot.core import split_message
from prompts import Prompts

QUOTE_CHARS = 200  # a longer comment is cut on a word boundary, with an ellipsis
NAME_CHARS = 100  # project and partner names, so one line never outgrows a message
SMALL = 5  # counts below this are "fewer than 5" in the programme digest
KINDS = ("liked", "change", "idea", "mood", "other")
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def small(prompts: Prompts, n: int) -> str:
    """The small-number rule: 0 is "none", 1 to 4 "fewer than 5", otherwise the number."""
    if n <= 0:
        return prompts.plain("digest.small.zero")
    if n < SMALL:
        return prompts.plain("digest.small.few")
    return str(n)


def person_text(prompts: Prompts, pseudonym: str | None) -> str:
    if pseudonym:
        return prompts.plain("digest.person", pseudonym=pseudonym)
    return prompts.plain("digest.group")


def kind_text(prompts: Prompts, kind: str) -> str:
    return prompts.plain(f"digest.kind.{kind}") if kind in KINDS else kind


def day_text(prompts: Prompts, day: date) -> str:
    month = prompts.plain(f"digest.month.{MONTHS[day.month - 1]}")
    return prompts.plain("digest.date", day=day.day, month=month, year=day.year)


def trim(prompts: Prompts, text: str, limit: int) -> str:
    """`text` on one line, cut to about `limit` characters on a word boundary."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit]
    if " " in cut[limit // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return prompts.plain("digest.trimmed", text=cut.rstrip(" ,;:.-\u2013\u2014"))


def messages(blocks: Iterable[list[str]]) -> list[str]:
    """Blocks of lines, a blank line between blocks, as Telegram messages of a safe length."""
    text = "\n\n".join("\n".join(lines) for lines in blocks)
    return [part.strip() for part in split_message(text) if part.strip()]
