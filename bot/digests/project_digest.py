"""One project's weekly round-up for its staff: how many spoke and how that compares with last
week, what it was about by theme, then quotes section by section (suggestions and questions
first), the groups noted, "you said, we did" pairs and suggestions waiting.

Pure functions over plain data (no database, no Telegram).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from bot.digests.formatting import NAME_CHARS, QUOTE_CHARS, day_text, messages, trim
from bot.digests.quotes import pick_quotes, quote
from bot.digests.theme_lines import render_themes, theme_lines
from bot.digests.week import DigestComment, GroupSessionLine, ProjectWeek, ReplyLine
from bot.digests.words import frequent_phrases
from prompts import Prompts

# Sections of the project digest, in order: what staff can act on first.
SECTIONS = ("change", "idea", "question", "liked", "other")
SAID_CHARS = 100  # "you said" beside "we did" is a reminder, not the whole comment


def project_digest(
    prompts: Prompts,
    week: ProjectWeek,
    start: date,
    end: date,
    stop: frozenset[str],
    themes: Sequence[str] = (),
) -> list[str]:
    """One project's week (local dates `start` to `end`, exclusive) as Telegram HTML messages;
    `stop` holds the common words left out of its frequent words, `themes` the codebook's
    themes in order."""
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
        blocks.append(_summary(prompts, comments, week))
        about = theme_lines(comments, themes)
        if about:
            blocks.append(render_themes(prompts, about))
        else:  # no comment touched a theme: the words that came up stand in
            phrases = frequent_phrases((c.text for c in comments if c.text), stop)
            if phrases:
                blocks.append([prompts.text("digest.frequent", words=", ".join(phrases))])
        for section in SECTIONS:
            found = [c for c in comments if section_of(c) == section]
            if found:
                heading = prompts.text(f"digest.section.{section}", count=len(found))
                blocks.append([heading, *(quote(prompts, c) for c in pick_quotes(found))])
        if week.sessions:
            blocks.append(_sessions(prompts, week.sessions))
    if week.replies:
        blocks.append(_replies(prompts, week.replies))
    blocks += _to_do(prompts, week)
    if comments:
        blocks.append([prompts.text("digest.spreadsheet")])
    return messages(blocks)


def section_of(comment: DigestComment) -> str:
    """Its kind where the question asked for a change or an idea; else what it reads as."""
    if comment.kind in ("change", "idea"):
        return comment.kind
    if comment.reading == "question":
        return "question"
    if comment.reading == "suggestion":
        return "change"
    return "liked" if comment.kind == "liked" else "other"


def _to_do(prompts: Prompts, week: ProjectWeek) -> list[list[str]]:
    blocks: list[list[str]] = []
    if week.followups:
        key = "digest.followup_one" if week.followups == 1 else "digest.followup_many"
        blocks.append([prompts.text(key, count=week.followups)])
    if week.worth_a_call:
        key = "digest.worth_a_call_one" if week.worth_a_call == 1 else "digest.worth_a_call_many"
        blocks.append([prompts.text(key, count=week.worth_a_call)])
    if week.waiting > 0:
        key = "digest.waiting_one" if week.waiting == 1 else "digest.waiting_many"
        lines = [prompts.text(key, count=week.waiting)]
        if week.oldest_waiting_days:
            lines.append(prompts.text("digest.oldest_waiting", days=week.oldest_waiting_days))
        blocks.append(lines)
    return blocks


def _replies(prompts: Prompts, replies: Sequence[ReplyLine]) -> list[str]:
    """ "You said, we did": each reply beside a short quote of what it answered."""
    lines = [prompts.text("digest.replies", count=len(replies))]
    for r in replies:
        did = trim(prompts, r.text, QUOTE_CHARS)
        if r.said:
            raised = (
                heard_by_team(prompts, r.heard_at)
                if r.heard_at is not None
                else _count(prompts, "digest.raised", r.answered)
            )
            said = trim(prompts, r.said, SAID_CHARS)
            lines.append(
                prompts.text(f"digest.pair.{r.outcome}", said=said, raised=raised, text=did)
            )
        else:
            lines.append(prompts.text(f"digest.reply.{r.outcome}", text=did, answered=r.answered))
    return lines


def heard_by_team(prompts: Prompts, place: str) -> str:
    """Instead of "3 people raised it", for what the team heard and did themselves (/did)."""
    return prompts.plain("digest.heard_by_team", place=trim(prompts, place, NAME_CHARS))


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


def _summary(prompts: Prompts, comments: Sequence[DigestComment], week: ProjectWeek) -> list[str]:
    people = len({c.pseudonym for c in comments if c.pseudonym})
    from_groups = sum(1 for c in comments if not c.pseudonym)
    total = _count(prompts, "digest.comments", len(comments))
    if not from_groups:
        line = prompts.text(
            "digest.summary", comments=total, people=_count(prompts, "digest.people", people)
        )
    elif not people:
        line = prompts.text("digest.summary_groups", comments=total)
    else:
        line = prompts.text(
            "digest.summary_mixed",
            comments=total,
            people_comments=len(comments) - from_groups,
            people=_count(prompts, "digest.people", people),
            group_comments=from_groups,
        )
    lines = [line]
    if week.last_week is not None:
        lines.append(_against_last_week(prompts, len(comments), week.last_week))
    if week.new_people:
        lines.append(prompts.text("digest.new_people", people=_count(
            prompts, "digest.people", week.new_people)))  # fmt: skip
    return [" ".join(lines)]


def _against_last_week(prompts: Prompts, now: int, before: int) -> str:
    if now > before:
        return prompts.text("digest.more_than_last_week", count=now - before)
    if now < before:
        return prompts.text("digest.fewer_than_last_week", count=before - now)
    return prompts.text("digest.same_as_last_week")


def _count(prompts: Prompts, key: str, n: int) -> str:
    return prompts.plain(f"{key}_one") if n == 1 else prompts.plain(f"{key}_many", count=n)
