"""The programme team's weekly digest: every project at a glance, themes across projects,
programme questions' answers and who went quiet. Counts only, in small numbers; never quotes.

Pure functions over plain data (no database, no Telegram).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from bot.digests.formatting import NAME_CHARS, QUOTE_CHARS, day_text, messages, small, trim
from bot.digests.programme_parts import Glance, Phrases, glance
from bot.digests.week import ProjectWeek, QuestionAnswers
from bot.digests.words import frequent_phrases
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
    phrases = Phrases()
    for week in weeks:
        phrases.add(week, stop)
    return programme_from(prompts, [glance(w) for w in weeks], phrases, start, stop, questions)


def programme_from(
    prompts: Prompts,
    glances: Sequence[Glance],
    phrases: Phrases,
    start: date,
    stop: frozenset[str],
    questions: Sequence[QuestionAnswers] = (),
) -> list[str]:
    """`programme_digest` from what it keeps of each week (the weekly build's way)."""
    blocks: list[list[str]] = [
        [prompts.text("digest.programme.title", date=day_text(prompts, start))]
    ]
    if not glances:
        blocks.append([prompts.text("digest.programme.empty")])
    for week in glances:
        if week.comments:
            blocks.append(_at_a_glance(prompts, week))
    for asked in questions:
        found = frequent_phrases(asked.answers, stop)
        line = prompts.text(
            "digest.programme.question",
            question=trim(prompts, asked.question, QUOTE_CHARS),
            answers=small(prompts, len(asked.answers)),
        )
        words = [prompts.text("digest.programme.question_words", words=", ".join(found))]
        blocks.append([line, *(words if found else [])])
    themes = phrases.shared(THEMES)
    if themes:
        blocks.append([prompts.text("digest.programme.themes", phrases=", ".join(themes))])
    quiet = [week for week in glances if not week.comments]
    if quiet:
        lines = [prompts.text("digest.programme.quiet")]
        lines += [
            prompts.text("digest.programme.quiet_project", **_names(prompts, w)) for w in quiet
        ]
        blocks.append(lines)
    return messages(blocks)


def _at_a_glance(prompts: Prompts, week: Glance) -> list[str]:
    counts = prompts.text(
        "digest.programme.counts",
        comments=small(prompts, week.comments),
        people=small(prompts, week.people),
        changes=small(prompts, week.changes),
        ideas=small(prompts, week.ideas),
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
        lines.append(
            prompts.text(
                "digest.programme.groups",
                sessions=small(prompts, week.sessions),
                reached=small(prompts, week.reached),
            )
        )
    return lines


def _names(prompts: Prompts, week: Glance) -> dict[str, str]:
    return {
        "project": trim(prompts, week.project, NAME_CHARS),
        "partner": trim(prompts, week.partner, NAME_CHARS),
    }
