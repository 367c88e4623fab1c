"""What the domain needs from outside, handed in once at start-up (never built at import): built
only by the composition root, bot/runtime/root.py."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.core.clock import Clock
from bot.core.offers import Offers
from bot.core.throttle import Throttle, WordTries
from bot.language import WordLists
from prompts import Prompts, QuestionSet
from storage.models import Project

# Bump when the consent wording changes in a way people should agree to again.
CONSENT_VERSION = "2026-11"


@dataclass(frozen=True, slots=True)
class Deps:
    clock: Clock
    prompts: Prompts
    timezone: ZoneInfo
    # Safeguarding and opt-out phrases, stop words and jargon, loaded and checked at start-up.
    words: WordLists
    # The secret (PSEUDONYM_KEY) that hashes forgotten people's made-up names (bot.core.
    # pseudonyms.retired_mark); None only in a command that adds and forgets nobody.
    pseudonym_key: bytes | None
    # How often each person is answered (process state, shared by every update).
    throttle: Throttle = field(default_factory=Throttle)
    word_tries: WordTries = field(default_factory=WordTries)
    offers: Offers = field(default_factory=Offers)  # welcomes not yet answered (in memory)

    def now(self) -> datetime:
        return self.clock.now()

    def local(self, moment: datetime) -> str:
        """A date and time as people read it here: 26 Nov 2026, 14:05."""
        return moment.astimezone(self.timezone).strftime("%-d %b %Y, %H:%M")

    def project_timezone(self, project: Project) -> ZoneInfo:
        """A project's own time zone, else the deployment's: every date about a project uses it."""
        return ZoneInfo(project.timezone) if project.timezone else self.timezone

    def project_today(self, project: Project) -> date:
        """Today's date where the project is (not where the server is)."""
        return self.now().astimezone(self.project_timezone(project)).date()

    def question_set(self, name: str) -> QuestionSet:
        sets = self.prompts.question_sets
        return sets.get(name) or sets["default"]
