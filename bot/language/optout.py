"""Messages that mean "please stop messaging me" (the phrases are in prompts/optout.yaml)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from bot.language.folding import normalise
from prompts.catalogue import PROMPTS_DIR
from prompts.yamlfile import PromptError, compose, expect_list, expect_mapping, expect_text, line_of

OPTOUT_FILE = PROMPTS_DIR / "optout.yaml"
SECTIONS = ("phrases", "extras")
# Longer than this and it is a message about something, not a request to stop.
MAX_OPT_OUT_WORDS = 12


@dataclass(frozen=True, slots=True)
class OptOutPhrases:
    phrases: frozenset[tuple[str, ...]]
    extras: tuple[tuple[str, ...], ...]
    # Every word of a phrase or an extra: a message with any other word cannot match.
    _words: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        every = {word for part in (*self.phrases, *self.extras) for word in part}
        object.__setattr__(self, "_words", frozenset(every))

    def matches(self, text: str) -> bool:
        """The whole message is one phrase, with only polite extras before or after it."""
        words = tuple(normalise(text).split())
        if len(words) > MAX_OPT_OUT_WORDS or not self._words.issuperset(words):
            return False
        return any(
            words[i:j] in self.phrases
            and self._only_extras(words[:i])
            and self._only_extras(words[j:])
            for i in range(len(words))
            for j in range(i + 1, len(words) + 1)
        )

    def _only_extras(self, words: tuple[str, ...]) -> bool:
        # ok[n]: the first n words split exactly into extras.
        ok = [True] + [False] * len(words)
        for n in range(1, len(words) + 1):
            ok[n] = any(
                len(e) <= n and ok[n - len(e)] and words[n - len(e) : n] == e for e in self.extras
            )
        return ok[-1]


def load_opt_out(path: Path = OPTOUT_FILE) -> OptOutPhrases:
    """Read and check the file; a problem raises PromptError naming the file and line."""
    sections = dict(expect_mapping(path, compose(path), "the file"))
    if "phrases" not in sections:
        raise PromptError(path, 1, "there is no `phrases:` list")
    unknown = sorted(set(sections) - set(SECTIONS))
    if unknown:
        raise PromptError(path, line_of(sections[unknown[0]]), f"unknown section {unknown[0]!r}")
    found = {
        name: [
            tuple(normalise(expect_text(path, n, name)).split())
            for n in expect_list(path, node, name)
        ]
        for name, node in sections.items()
    }
    return OptOutPhrases(
        frozenset(p for p in found["phrases"] if p), tuple(e for e in found.get("extras", []) if e)
    )
