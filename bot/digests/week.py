"""What a digest is written from: one project's week, and a programme question's answers, as
plain data (read by `reading`, written by `project_digest` and `programme_digest`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime


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
    spoken: str | None = None  # a voice note's words as heard (quoted marked "(spoken)")
    reading: str | None = None  # "suggestion" | "question" | "praise" | "remark" (bot.language)
    themes: tuple[tuple[str, bool], ...] = ()  # (theme, happy), staff's own where they set them
    by_team: bool = False  # what the team heard themselves (/did), at `place`


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
    said: str | None = None  # the first of them, in words fit to show ("you said")
    heard_at: str | None = None  # where the team heard it, when they noted it themselves (/did)


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
    worth_a_call: int = 0  # people put on the "worth a call" list this week (bot.care)
    last_week: int | None = None  # comments the week before, to say what changed
    new_people: int = 0  # participants who joined this week


@dataclass(frozen=True, slots=True)
class QuestionAnswers:
    """A programme-wide question and what came back this week (never quoted)."""

    question: str
    answers: Sequence[str]  # the answers' words, for frequent phrases only
