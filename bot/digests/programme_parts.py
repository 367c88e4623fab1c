"""What the programme digest keeps of each project's week, so the weekly build can let the week
go as soon as the project's own digest is written: a glance of counts, and the phrases that
came up counted as they come (never the comments themselves)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from bot.digests.week import ProjectWeek
from bot.digests.words import phrases_in, rank_counted


@dataclass(frozen=True, slots=True)
class Glance:
    """One project's week at a glance, as the programme digest shows it."""

    project: str
    partner: str
    comments: int
    people: int
    changes: int
    ideas: int
    suggestions_total: int
    answered_total: int
    changes_total: int
    sessions: int
    reached: int


def glance(week: ProjectWeek) -> Glance:
    kinds = [c.kind for c in week.comments]
    return Glance(
        week.project,
        week.partner,
        len(kinds),
        len({c.pseudonym for c in week.comments if c.pseudonym}),
        kinds.count("change"),
        kinds.count("idea"),
        week.suggestions_total,
        week.answered_total,
        week.changes_total,
        len(week.sessions),
        sum(s.headcount for s in week.sessions),
    )


@dataclass
class Phrases:
    """Each phrase's count of comments, the order phrases first came up, and the projects it
    came up in: all `rank` needs, in memory that grows with the words used, not the comments."""

    counts: Counter[str] = field(default_factory=Counter)
    first_seen: dict[str, int] = field(default_factory=dict)
    projects_of: dict[str, set[int]] = field(default_factory=dict)
    projects: int = 0
    people: set[str] = field(default_factory=set)  # everyone heard from, for the ledger

    def add(self, week: ProjectWeek, stop: frozenset[str]) -> None:
        """Count one project's week (projects in the order the digest lists them)."""
        number = self.projects
        self.projects += 1
        for comment in week.comments:
            if comment.pseudonym:
                self.people.add(comment.pseudonym)
            if comment.text:
                for phrase in phrases_in(comment.text, stop):  # the slow part of the build
                    self.counts[phrase] += 1
                    self.first_seen.setdefault(phrase, len(self.first_seen))
                    self.projects_of.setdefault(phrase, set()).add(number)

    def shared(self, most: int) -> list[str]:
        """Frequent phrases that came up in the comments of at least two projects."""
        ranked = rank_counted(self.counts, self.first_seen)
        return [p for p in ranked if len(self.projects_of.get(p, ())) >= 2][:most]
