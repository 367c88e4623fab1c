"""Which comments a digest quotes, and how a quote reads.

A section of five or fewer is quoted in full. A bigger one gets QUOTES_PER_SECTION, chosen for
usefulness: what most of a room agreed first, then suggestions and questions for the team,
then the rest spread across the week and across people, so one chatty person or one busy
morning does not fill it. Pure functions over plain data.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.digests.formatting import NAME_CHARS, QUOTE_CHARS, person_text, trim
from bot.digests.week import DigestComment
from prompts import Prompts

QUOTES_PER_SECTION = 3
IN_FULL = 5  # a section this small is quoted whole
ASKING = frozenset({"suggestion", "question"})  # readings staff can act on


def pick_quotes(comments: Sequence[DigestComment], limit: int | None = None) -> list[DigestComment]:
    """The comments to quote from one section, oldest first."""
    ordered = [c for c in sorted(comments, key=lambda c: c.created_at) if quotable(c)]
    most = QUOTES_PER_SECTION if limit is None else limit
    if limit is None and len(ordered) <= IN_FULL:
        return ordered
    chosen: list[int] = []
    speakers: set[object] = set()
    spread = _spread(len(ordered))
    useful = sorted(spread, key=lambda i: -usefulness(ordered[i]))  # stable: spread kept
    for i in useful:  # first pass: one quote a person, most useful first
        speaker = ordered[i].pseudonym or ("group", i)
        if speaker not in speakers and len(chosen) < most:
            chosen.append(i)
            speakers.add(speaker)
    for i in useful:  # then fill up, if too few people spoke
        if i not in chosen and len(chosen) < most:
            chosen.append(i)
    return [ordered[i] for i in sorted(chosen)]


def usefulness(comment: DigestComment) -> int:
    """2: most of a room agreed; 1: a suggestion or a question for the team; else 0."""
    if comment.agreement == "most":
        return 2
    return 1 if comment.reading in ASKING else 0


def quotable(comment: DigestComment) -> bool:
    """Has words to quote (a transcript counts), or is a voice note; "-" and "..." are not."""
    words = comment.text if comment.text is not None else comment.spoken
    if words is not None:
        return any(ch.isalnum() for ch in words)
    return comment.voice_seconds is not None


def _spread(n: int) -> list[int]:
    """0 .. n-1 in an order that keeps picks far apart: both ends, the middle, then halves."""
    if n <= 2:
        return list(range(n))
    order, gaps = [0, n - 1], [(0, n - 1)]
    while gaps:
        low, high = gaps.pop(0)
        if high - low >= 2:
            middle = (low + high) // 2
            order.append(middle)
            gaps += [(low, middle), (middle, high)]
    return order


def short_words(prompts: Prompts, comment: DigestComment, limit: int = QUOTE_CHARS) -> str | None:
    """The comment's words on one line, cut to `limit` (a voice note by its transcript)."""
    words = comment.text if comment.text is not None and comment.text.strip() else comment.spoken
    return trim(prompts, words, limit) if words else None


def quote(prompts: Prompts, comment: DigestComment) -> str:
    if comment.place and not comment.pseudonym:
        return _group_quote(prompts, comment, comment.place)
    person = person_text(prompts, comment.pseudonym)
    if comment.text is not None and comment.text.strip():
        return prompts.text("digest.quote", text=_trim(prompts, comment.text), person=person)
    if comment.spoken:  # a voice note's words, heard well
        return prompts.text(
            "digest.quote_spoken", text=_trim(prompts, comment.spoken), person=person
        )
    return prompts.text("digest.quote_voice", seconds=comment.voice_seconds or 0, person=person)


def _trim(prompts: Prompts, text: str) -> str:
    return trim(prompts, text, QUOTE_CHARS)


def _group_quote(prompts: Prompts, comment: DigestComment, place: str) -> str:
    agreed = prompts.plain(f"digest.agreed.{comment.agreement or 'unknown'}")
    where = {"place": trim(prompts, place, NAME_CHARS), "agreed": agreed}
    if comment.text is not None and comment.text.strip():
        key = "digest.quote_team" if comment.by_team else "digest.quote_group"
        return prompts.text(key, text=_trim(prompts, comment.text), **where)
    if comment.spoken:
        return prompts.text(
            "digest.quote_group_spoken", text=_trim(prompts, comment.spoken), **where
        )
    return prompts.text("digest.quote_group_voice", seconds=comment.voice_seconds or 0, **where)
