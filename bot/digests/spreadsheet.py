"""The comments as a spreadsheet (CSV), for digests, /export and `natter export`."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from bot.digests.formatting import kind_text
from bot.digests.week import DigestComment
from prompts import Prompts

CSV_COLUMNS = ("date", "person", "project", "kind", "question", "text", "place", "agreed")
# A spreadsheet runs a cell starting with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def comments_csv(comments: Sequence[DigestComment], tz: ZoneInfo, prompts: Prompts) -> str:
    """The comments as a spreadsheet (RFC 4180 CSV), oldest first, times in `tz`."""
    words = prompts
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([words.plain(f"digest.csv.{column}") for column in CSV_COLUMNS])
    # Labels are looked up once each, not once a row: a big week has thousands of rows.
    kinds = {kind: kind_text(words, kind) for kind in {c.kind for c in comments}}
    people: dict[str | None, str] = {}
    team = words.plain("digest.csv.team")  # what the team heard themselves (/did)
    for c in sorted(comments, key=lambda c: c.created_at):
        if c.text is not None:
            text = c.text
        elif c.spoken:
            text = words.plain("voice.spoken", text=c.spoken)
        else:
            text = words.plain("digest.csv.voice", seconds=c.voice_seconds or 0)
        if c.pseudonym not in people:
            people[c.pseudonym] = (
                words.plain("digest.person", pseudonym=c.pseudonym)
                if c.pseudonym
                else words.plain("digest.csv.group")
            )
        agreed = words.plain(f"digest.agreed.{c.agreement}") if c.agreement else ""
        who = team if c.by_team else people[c.pseudonym]
        cells = [
            who, c.project, kinds[c.kind], c.question_key or "", text,
            c.place or "", agreed,
        ]  # fmt: skip
        when = c.created_at.astimezone(tz).strftime("%Y-%m-%d %H:%M")
        writer.writerow([when, *(safe_cell(cell) for cell in cells)])
    return out.getvalue()


def safe_cell(value: str) -> str:
    """A leading apostrophe stops a spreadsheet from running the cell as a formula."""
    return f"'{value}" if value.startswith(_FORMULA_START) else value
