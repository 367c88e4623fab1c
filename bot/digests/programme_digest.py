"""The programme team's weekly digest: every project at a glance, themes across projects,
programme questions' answers and who went quiet. Counts only, in small numbers; never quotes.

Pure functions over plain data (no database, no Telegram).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from bot.digests.formatting import NAME_CHARS, QUOTE_CHARS, day_text, messages, small, trim
from bot.digests.week import ProjectWeek, QuestionAnswers
from bot.digests.words import frequent_phrases, phrases_in, rank
from prompts import Prompts

THEMES = 5


def programme_digest(
    prompts: Prompts,
    weeks: Sequence[ProjectWeek],
    start: date,
    end: date,
    stop: frozenset[str],
    questions: Sequence[QuestionAnswers] = (),
) -> list[str]:
    """Every project at a glance, themes across projects, and who went quiet. Never quotes."""
    blocks: list[list[str]] = [
        [prompts.text("digest.programme.title", date=day_text(prompts, start))]
    ]
    if not weeks:
        blocks.append([prompts.text("digest.programme.empty")])
    for week in weeks:
        if week.comments:
            blocks.append(_at_a_glance(prompts, week))
    for asked in questions:
        phrases = frequent_phrases(asked.answers, stop)
        line = prompts.text(
            "digest.programme.question",
            question=trim(prompts, asked.question, QUOTE_CHARS),
            answers=small(prompts, len(asked.answers)),
        )
        words = [prompts.text("digest.programme.question_words", words=", ".join(phrases))]
        blocks.append([line, *(words if phrases else [])])
    themes = _themes(weeks, stop)
    if themes:
        blocks.append([prompts.text("digest.programme.themes", phrases=", ".join(themes))])
    quiet = [week for week in weeks if not week.comments]
    if quiet:
        lines = [prompts.text("digest.programme.quiet")]
        lines += [
            prompts.text("digest.programme.quiet_project", **_names(prompts, w)) for w in quiet
        ]
        blocks.append(lines)
    return messages(blocks)


def _at_a_glance(prompts: Prompts, week: ProjectWeek) -> list[str]:
    kinds = [c.kind for c in week.comments]
    people = len({c.pseudonym for c in week.comments if c.pseudonym})
    counts = prompts.text(
        "digest.programme.counts",
        comments=small(prompts, len(kinds)),
        people=small(prompts, people),
        changes=small(prompts, kinds.count("change")),
        ideas=small(prompts, kinds.count("idea")),
    )
    lines = [prompts.text("digest.programme.project", **_names(prompts, week)), counts]
    if week.suggestions_total:
        lines.append(
            prompts.text(
                "digest.programme.answered",
                answered=small(prompts, week.answered_total),
                suggestions=small(prompts, week.suggestions_total),
                changes=small(prompts, week.changes_total),
            )
        )
    if week.sessions:
        reached = sum(s.headcount for s in week.sessions)
        lines.append(
            prompts.text(
                "digest.programme.groups",
                sessions=small(prompts, len(week.sessions)),
                reached=small(prompts, reached),
            )
        )
    return lines


def _themes(weeks: Sequence[ProjectWeek], stop: frozenset[str]) -> list[str]:
    """Frequent phrases that came up in the comments of at least two projects."""
    projects_of: dict[str, set[int]] = {}
    found_in_each: list[list[str]] = []
    for number, week in enumerate(weeks):
        for comment in week.comments:
            if comment.text:
                found = phrases_in(comment.text, stop)  # once a comment: the slow part of the build
                found_in_each.append(found)
                for phrase in found:
                    projects_of.setdefault(phrase, set()).add(number)
    shared = [p for p in rank(found_in_each) if len(projects_of.get(p, ())) >= 2]
    return shared[:THEMES]


def _names(prompts: Prompts, week: ProjectWeek) -> dict[str, str]:
    return {
        "project": trim(prompts, week.project, NAME_CHARS),
        "partner": trim(prompts, week.partner, NAME_CHARS),
    }
