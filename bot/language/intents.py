"""Short typed replies that mean a button or a command ("yes ok", "no thanks", "skip", "help").

The phrasings are in prompts/intents.yaml, so a partner can add their own. A message is read as
an intent only when the whole of it is one phrasing, give or take polite extras ("ok then",
"skip please"): a longer message that merely contains "yes" stays a comment. Which intents
count, and what they do, is up to the step they are typed in (bot.conversation.typed); a
phrasing may stand under two intents ("ok" is Yes, and a so-so mood).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from bot.language.detection.reading import contraction_table
from bot.language.folding import normalise
from bot.language.optout import OptOutPhrases
from prompts.catalogue import PROMPTS_DIR
from prompts.yamlfile import PromptError, compose, expect_list, expect_mapping, expect_text, line_of

INTENTS_FILE = PROMPTS_DIR / "intents.yaml"
# Longer than this and it is a message about something, not a tap typed out.
MAX_INTENT_WORDS = 10


class Intent(StrEnum):
    YES = "yes"
    NO = "no"
    SKIP = "skip"
    DONE = "done"
    HELP = "help"
    ABOUT = "about"  # a question about Natter itself ("who reads this?")
    STOP_QUESTIONS = "stop_questions"
    GOOD = "good"  # the moods under "How are things?"
    OK = "ok"
    NOT_GREAT = "not_great"


@dataclass(frozen=True, slots=True)
class Intents:
    # Whole-message phrases with polite extras: the same matching as "stop" in plain words.
    by_intent: dict[Intent, OptOutPhrases]
    contractions: dict[str, tuple[str, ...]]

    def read(self, text: str | None) -> frozenset[Intent]:
        """Every intent the whole message is a phrasing of; none for anything longer."""
        if not text:
            return frozenset()
        words = _expanded(text, self.contractions)
        if not words or len(words) > MAX_INTENT_WORDS:
            return frozenset()
        said = " ".join(words)
        return frozenset(i for i, phrases in self.by_intent.items() if phrases.matches(said))


def _expanded(text: str, table: dict[str, tuple[str, ...]]) -> list[str]:
    """Folded words with contractions spelled out ("thats all" -> "that is all")."""
    return [part for word in normalise(text).split() for part in table.get(word, (word,))]


def load_intents(path: Path = INTENTS_FILE) -> Intents:
    """Read and check the file; a problem raises PromptError naming the file and line."""
    sections = dict(expect_mapping(path, compose(path), "the file"))
    if "intents" not in sections:
        raise PromptError(path, 1, "there is no `intents:` section")
    table = contraction_table()

    def phrases(node: object, what: str) -> list[tuple[str, ...]]:
        items = expect_list(path, node, what)  # type: ignore[arg-type]
        return [tuple(_expanded(expect_text(path, n, what), table)) for n in items]

    extras = (
        tuple(e for e in phrases(sections["extras"], "extras") if e) if "extras" in sections else ()
    )
    by_intent: dict[Intent, OptOutPhrases] = {}
    for name, node in expect_mapping(path, sections["intents"], "intents"):
        if name not in Intent.__members__.values():
            raise PromptError(path, line_of(node), f"unknown intent {name!r}")
        found = frozenset(p for p in phrases(node, name) if p)
        by_intent[Intent(name)] = OptOutPhrases(found, extras)
    missing = sorted(set(Intent) - set(by_intent))
    if missing:
        raise PromptError(path, 1, f"no phrasings for {', '.join(missing)}")
    return Intents(by_intent, table)
