"""The words of the weekly digests: one project's round-up, the programme's, and the spreadsheet.

Pure functions over plain data (no database, no Telegram). Every word comes from
`prompts/en/staff.yaml`; what people typed only ever goes in as an escaped prompt parameter.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from bot.core import split_message
from bot.digests.words import frequent_phrases as frequent_phrases  # part of this API
from bot.digests.words import phrases_in, rank
from prompts import Prompts

QUOTES_PER_SECTION = 3
QUOTE_CHARS = 200  # a longer comment is cut on a word boundary, with an ellipsis
NAME_CHARS = 100  # project and partner names, so one line never outgrows a message
THEMES = 5
SMALL = 5  # counts below this are "fewer than 5" in the programme digest
# Sections of the project digest, in order; a mood counts under "other".
SECTIONS = ("liked", "change", "idea", "other")
KINDS = ("liked", "change", "idea", "mood", "other")
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


@dataclass(frozen=True, slots=True)
class DigestComment:
    created_at: datetime  # aware UTC
    pseudonym: str | None  # "K7", shown as "Person K7"; None for a comment relayed from a group
    kind: str  # "liked" | "change" | "idea" | "mood" | "other"
    text: str | None  # None for a voice note
    voice_seconds: int | None
    question_key: str | None
    project: str = ""  # the project's name (for the spreadsheet)
    place: str | None = None  # where a volunteer noted it, for a group comment
    agreement: str | None = None  # "one" | "few" | "most", as the volunteer tapped


@dataclass(frozen=True, slots=True)
class GroupSessionLine:
    """A coffee morning or walk a volunteer noted."""

    place: str
    held_on: date
    headcount: int  # best estimate, for "people reached"
    band: str | None  # "6-10" when the volunteer tapped a band
    notes: int


@dataclass(frozen=True, slots=True)
class ReplyLine:
    """A "you said, we did" reply staff sent."""

    outcome: str  # "changed" | "looking" | "cannot"
    text: str
    answered: int  # how many suggestions it answers


@dataclass(frozen=True, slots=True)
class ProjectWeek:
    project: str  # the project's name
    partner: str
    comments: Sequence[DigestComment]
    waiting: int  # suggestions (change or idea) still waiting for a reply, all time
    sessions: Sequence[GroupSessionLine] = ()
    replies: Sequence[ReplyLine] = ()  # replies sent (or updated) this week
    oldest_waiting_days: int | None = None
    # All time, for the programme team: suggestions made, how many answered, changes made.
    suggestions_total: int = 0
    answered_total: int = 0
    changes_total: int = 0
    followups: int = 0  # messages that sounded like danger (never quoted here)


def small(prompts: Prompts, n: int) -> str:
    """The small-number rule: 0 is "none", 1 to 4 "fewer than 5", otherwise the number."""
    if n <= 0:
        return prompts.plain("digest.small.zero")
    if n < SMALL:
        return prompts.plain("digest.small.few")
    return str(n)


def project_digest(
    prompts: Prompts, week: ProjectWeek, start: date, end: date, stop: frozenset[str]
) -> list[str]:
    """One project's week (local dates `start` to `end`, exclusive) as Telegram HTML messages;
    `stop` holds the common words left out of its frequent words."""
    title = prompts.text(
        "digest.title",
        project=_trim(prompts, week.project, NAME_CHARS),
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
    return _messages(blocks)


@dataclass(frozen=True, slots=True)
class QuestionAnswers:
    """A programme-wide question and what came back this week (never quoted)."""

    question: str
    answers: Sequence[str]  # the answers' words, for frequent phrases only


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
            question=_trim(prompts, asked.question, QUOTE_CHARS),
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
    return _messages(blocks)


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
                text=_trim(prompts, r.text, QUOTE_CHARS),
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
                place=_trim(prompts, s.place, NAME_CHARS),
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
    if comment.text is None or not comment.text.strip():
        return prompts.text("digest.quote_voice", seconds=comment.voice_seconds or 0, person=person)
    return prompts.text(
        "digest.quote", text=_trim(prompts, comment.text, QUOTE_CHARS), person=person
    )


def _group_quote(prompts: Prompts, comment: DigestComment, place: str) -> str:
    agreed = prompts.plain(f"digest.agreed.{comment.agreement or 'unknown'}")
    where = {"place": _trim(prompts, place, NAME_CHARS), "agreed": agreed}
    if comment.text is None or not comment.text.strip():
        return prompts.text("digest.quote_group_voice", seconds=comment.voice_seconds or 0, **where)
    return prompts.text(
        "digest.quote_group", text=_trim(prompts, comment.text, QUOTE_CHARS), **where
    )


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
        "project": _trim(prompts, week.project, NAME_CHARS),
        "partner": _trim(prompts, week.partner, NAME_CHARS),
    }


def person_text(prompts: Prompts, pseudonym: str | None) -> str:
    if pseudonym:
        return prompts.plain("digest.person", pseudonym=pseudonym)
    return prompts.plain("digest.group")


def _count(prompts: Prompts, key: str, n: int) -> str:
    return prompts.plain(f"{key}_one") if n == 1 else prompts.plain(f"{key}_many", count=n)


def _section(kind: str) -> str:
    return kind if kind in SECTIONS else "other"


def kind_text(prompts: Prompts, kind: str) -> str:
    return prompts.plain(f"digest.kind.{kind}") if kind in KINDS else kind


def day_text(prompts: Prompts, day: date) -> str:
    month = prompts.plain(f"digest.month.{MONTHS[day.month - 1]}")
    return prompts.plain("digest.date", day=day.day, month=month, year=day.year)


def _trim(prompts: Prompts, text: str, limit: int) -> str:
    """`text` on one line, cut to about `limit` characters on a word boundary."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit]
    if " " in cut[limit // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return prompts.plain("digest.trimmed", text=cut.rstrip(" ,;:.-\u2013\u2014"))


def _messages(blocks: Iterable[list[str]]) -> list[str]:
    text = "\n\n".join("\n".join(lines) for lines in blocks)
    return [part.strip() for part in split_message(text) if part.strip()]
