"""One project's weekly round-up for its staff: what people said, section by section, with a
few quotes spread across the week, the groups noted, replies sent and suggestions waiting.

Pure functions over plain data (no database, no Telegram).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from bot.digests.formatting import NAME_CHARS, QUOTE_CHARS, day_text, messages, person_text, trim
from bot.digests.week import DigestComment, GroupSessionLine, ProjectWeek, ReplyLine
from bot.digests.words import frequent_phrases
from prompts import Prompts

QUOTES_PER_SECTION = 3
# Sections of the project digest, in order; a mood counts under "other".
SECTIONS = ("liked", "change", "idea", "other")


def project_digest(
    prompts: Prompts, week: ProjectWeek, start: date, end: date, stop: frozenset[str]
) -> list[str]:
    """One project's week (local dates `start` to `end`, exclusive) as Telegram HTML messages;
    `stop` holds the common words left out of its frequent words."""
    title = prompts.text(
        "digest.title",
        project=trim(prompts, week.project, NAME_CHARS),
        date=day_text(prompts, start),
    )
    blocks: list[list[str]] = [[title]]
    comments = sorted(week.comments, key=lambda c: c.created_at)
    if not comments:
        blocks.append([prompts.text("digest.quiet")])
    else:
        blocks.append([_summary(prompts, comments)])
        if week.sessions:
            blocks.append(_sessions(prompts, week.sessions))
        for section in SECTIONS:
            found = [c for c in comments if _section(c.kind) == section]
            if found:
                heading = prompts.text(f"digest.section.{section}", count=len(found))
                blocks.append([heading, *(_quote(prompts, c) for c in pick_quotes(found))])
        phrases = frequent_phrases((c.text for c in comments if c.text), stop)
        if phrases:
            blocks.append([prompts.text("digest.frequent", words=", ".join(phrases))])
    if week.followups:
        key = "digest.followup_one" if week.followups == 1 else "digest.followup_many"
        blocks.append([prompts.text(key, count=week.followups)])
    if week.worth_a_call:
        key = "digest.worth_a_call_one" if week.worth_a_call == 1 else "digest.worth_a_call_many"
        blocks.append([prompts.text(key, count=week.worth_a_call)])
    if week.replies:
        blocks.append(_replies(prompts, week.replies))
    if week.waiting > 0:
        key = "digest.waiting_one" if week.waiting == 1 else "digest.waiting_many"
        lines = [prompts.text(key, count=week.waiting)]
        if week.oldest_waiting_days:
            lines.append(prompts.text("digest.oldest_waiting", days=week.oldest_waiting_days))
        blocks.append(lines)
    if comments:
        blocks.append([prompts.text("digest.spreadsheet")])
    return messages(blocks)


def pick_quotes(comments: Sequence[DigestComment]) -> list[DigestComment]:
    """Up to QUOTES_PER_SECTION comments, spread across the week and from different people."""
    ordered = [c for c in sorted(comments, key=lambda c: c.created_at) if _quotable(c)]
    chosen: list[int] = []
    speakers: set[object] = set()
    spread = _spread(len(ordered))
    for i in spread:  # first pass: one quote a person
        speaker = ordered[i].pseudonym or ("group", i)
        if speaker not in speakers and len(chosen) < QUOTES_PER_SECTION:
            chosen.append(i)
            speakers.add(speaker)
    for i in spread:  # then fill up, if too few people spoke
        if i not in chosen and len(chosen) < QUOTES_PER_SECTION:
            chosen.append(i)
    return [ordered[i] for i in sorted(chosen)]


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


def _quotable(comment: DigestComment) -> bool:
    return bool(comment.text and comment.text.strip()) or comment.voice_seconds is not None


def _replies(prompts: Prompts, replies: Sequence[ReplyLine]) -> list[str]:
    lines = [prompts.text("digest.replies", count=len(replies))]
    for r in replies:
        lines.append(
            prompts.text(
                f"digest.reply.{r.outcome}",
                text=trim(prompts, r.text, QUOTE_CHARS),
                answered=r.answered,
            )
        )
    return lines


def _sessions(prompts: Prompts, sessions: Sequence[GroupSessionLine]) -> list[str]:
    lines = [prompts.text("digest.sessions", count=len(sessions))]
    for s in sessions:
        lines.append(
            prompts.text(
                "digest.session_line",
                place=trim(prompts, s.place, NAME_CHARS),
                date=day_text(prompts, s.held_on),
                people=s.band or s.headcount,
                notes=s.notes,
            )
        )
    return lines


def _quote(prompts: Prompts, comment: DigestComment) -> str:
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
        return prompts.text("digest.quote_group", text=_trim(prompts, comment.text), **where)
    if comment.spoken:
        return prompts.text(
            "digest.quote_group_spoken", text=_trim(prompts, comment.spoken), **where
        )
    return prompts.text("digest.quote_group_voice", seconds=comment.voice_seconds or 0, **where)


def _summary(prompts: Prompts, comments: Sequence[DigestComment]) -> str:
    people = len({c.pseudonym for c in comments if c.pseudonym})
    from_groups = sum(1 for c in comments if not c.pseudonym)
    total = _count(prompts, "digest.comments", len(comments))
    if not from_groups:
        return prompts.text(
            "digest.summary", comments=total, people=_count(prompts, "digest.people", people)
        )
    if not people:
        return prompts.text("digest.summary_groups", comments=total)
    return prompts.text(
        "digest.summary_mixed",
        comments=total,
        people_comments=len(comments) - from_groups,
        people=_count(prompts, "digest.people", people),
        group_comments=from_groups,
    )


def _count(prompts: Prompts, key: str, n: int) -> str:
    return prompts.plain(f"{key}_one") if n == 1 else prompts.plain(f"{key}_many", count=n)


def _section(kind: str) -> str:
    return kind if kind in SECTIONS else "other"
