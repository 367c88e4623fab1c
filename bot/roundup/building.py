"""What a month's round-up says, with no database: the replies worth telling everyone, changed
first and then being looked into, at most 5 of them and 80 words in all, then a thank you."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.core import Reply, Say
from prompts import Prompts
from storage.models import Outcome

MAX_ITEMS = 5
MAX_WORDS = 80
# A quote and a reply are cut to this many words, so one long reply cannot crowd out the rest.
SAID_WORDS, DID_WORDS = 12, 20
ORDER = {Outcome.CHANGED: 0, Outcome.LOOKING: 1}


@dataclass(frozen=True, slots=True)
class Told:
    """One reply staff sent this month, and the words (names kept out) of what it answered."""

    outcome: Outcome
    said: str
    did: str


@dataclass(frozen=True, slots=True)
class Roundup:
    project: str
    items: tuple[Told, ...]

    def parts(self) -> tuple[Say, ...]:
        lines = [
            Say(f"roundup.{t.outcome.value}", {"said": t.said, "did": t.did}) for t in self.items
        ]
        return (Say("roundup.hello", {"project": self.project}), *lines, Say("roundup.thanks"))

    def reply(self) -> Reply:
        return Reply(self.parts())

    def plain(self, prompts: Prompts, language: str) -> list[str]:
        """Each paragraph as read, without markup (the card and the preview)."""
        return [prompts.plain(say.key, language, **say.params) for say in self.parts()]


def shorten(text: str, words: int) -> str:
    """The first `words` words, with "..." when some were left out."""
    split = text.split()
    return " ".join(split) if len(split) <= words else " ".join(split[:words]) + "..."


def choose(replies: Sequence[Told]) -> list[Told]:
    """Changed first, then looking into; in the order they were sent; nothing else."""
    kept = [t for t in replies if t.outcome in ORDER and t.said.strip() and t.did.strip()]
    return sorted(kept, key=lambda t: ORDER[t.outcome])  # stable: keeps the sending order


def build(
    prompts: Prompts, project: str, replies: Sequence[Told], language: str, reserve: int = 0
) -> Roundup | None:
    """The round-up, fitted to MAX_ITEMS and MAX_WORDS less `reserve` (words said before it);
    None when there is nothing to tell."""
    short = [
        Told(t.outcome, shorten(t.said, SAID_WORDS), shorten(t.did, DID_WORDS))
        for t in choose(replies)
    ]
    items: list[Told] = []
    for told in short:
        if len(items) == MAX_ITEMS:
            break
        trial = Roundup(project, (*items, told))
        if words(trial.plain(prompts, language)) + reserve > MAX_WORDS:
            continue  # a shorter one further down may still fit
        items.append(told)
    return Roundup(project, tuple(items)) if items else None


def words(paragraphs: Sequence[str]) -> int:
    return sum(len(p.split()) for p in paragraphs)
