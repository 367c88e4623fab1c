"""A digest already written, without someone who has since been forgotten: their quotes lose
their words, their words leave the lists of words that came up, their rows leave the
spreadsheet. Used by /forget on digests queued or kept in the outbox (bot.privacy).
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Iterable, Sequence

from bot.digests.words import phrases_in
from prompts import Prompts

# Lines that list words from what people said: (prompt key, the parameter holding the list).
_WORD_LISTS = (
    ("digest.frequent", "words"),
    ("digest.programme.question_words", "words"),
    ("digest.programme.themes", "phrases"),
)
_MARK = "\x00"  # stands for a parameter while a prompt is split into what is around it


def _around(prompts: Prompts, key: str, name: str, **params: str) -> tuple[str, str]:
    """What a rendered line of `key` has before and after the parameter `name`."""
    head, _, tail = prompts.text(key, **{**params, name: _MARK}).partition(_MARK)
    return head, tail


def their_words(texts: Iterable[str]) -> frozenset[str]:
    """Every word they wrote, as the lists of words that came up write words."""
    phrases = (phrase for text in texts for phrase in phrases_in(text, frozenset()))
    return frozenset(word for phrase in phrases for word in phrase.split())


def unquote_digest(
    prompts: Prompts,
    text: str,
    names: Sequence[str],
    words: frozenset[str],
    removed: str,
    texts: Iterable[str] = (),
) -> str:
    """Digest HTML with each quote by one of `names` saying `removed` instead of their words,
    as does any quote of one of their `texts` with no name beside it (a theme's example, the
    "you said" of a reply), and any word in `words` taken out of the lists of words that came
    up (a list left empty goes). The name itself is left for the caller to replace."""
    quotes = [_around(prompts, "digest.quote", "text", person=name) for name in names]
    lists = [(_around(prompts, key, name), key, name) for key, name in _WORD_LISTS]
    theirs = frozenset(" ".join(t.split()) for t in texts)
    lines: list[str] = []
    for line in text.split("\n"):
        if theirs:
            line = _QUOTED.sub(lambda m: _unless_theirs(m, theirs, removed), line)
        for head, tail in quotes:
            if line.startswith(head) and line.endswith(tail) and len(line) >= len(head + tail):
                line = head + html.escape(removed, quote=False) + tail
        for (head, tail), key, name in lists:
            if line.startswith(head) and line.endswith(tail) and len(line) >= len(head + tail):
                listed = line[len(head) : len(line) - len(tail)].split(", ")
                kept = [p for p in listed if not set(html.unescape(p).split()) & words]
                line = prompts.text(key, **{name: ", ".join(map(html.unescape, kept))})
                if not kept:
                    line = _MARK
        lines.append(line)
    if _MARK not in lines:
        return "\n".join(lines)
    # A dropped line takes its blank line with it, so the blocks stay one blank line apart.
    blocks = "\n".join(lines).split("\n\n")
    kept_blocks = [b for b in (_drop_marks(b) for b in blocks) if b]
    return "\n\n".join(kept_blocks)


_QUOTED = re.compile("\u201c([^\u201d]*)\u201d")  # “...”, as every digest quote is marked


def _unless_theirs(quoted: re.Match[str], theirs: frozenset[str], removed: str) -> str:
    """The quote as it was, or `removed` if it is one of their texts (or a cut of one)."""
    said = html.unescape(quoted.group(1))
    cut = said.endswith("\u2026") and said[:-1]
    if said in theirs or (cut and any(t.startswith(cut) for t in theirs)):
        return "\u201c" + html.escape(removed, quote=False) + "\u201d"
    return quoted.group(0)


def _drop_marks(block: str) -> str:
    return "\n".join(line for line in block.split("\n") if line != _MARK)


def without_rows(prompts: Prompts, content: str, names: Sequence[str]) -> str | None:
    """A spreadsheet of comments without the rows by one of `names`; None if no row is left.
    Anything that is not such a spreadsheet comes back as it was."""
    rows = list(csv.reader(io.StringIO(content, newline="")))
    header = prompts.plain("digest.csv.person")
    if not rows or header not in rows[0]:
        return content
    column = rows[0].index(header)
    kept = [row for row in rows[1:] if not (len(row) > column and row[column] in names)]
    if len(kept) == len(rows) - 1:
        return content
    if not kept:
        return None
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows([rows[0], *kept])
    return out.getvalue()
