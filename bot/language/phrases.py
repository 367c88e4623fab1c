"""Spotting messages that sound like someone may be in danger (DESIGN section 6).

The phrases, the spellings people use for them and the words to ignore all live in
prompts/safeguarding.yaml, so partners can add to them without touching Python. Matching is
plain and predictable: both the message and each phrase are evened out the same way (see
`normalise` and `PhraseList.canonical`), then a phrase matches if its words appear in the
message in the same order, side by side, as whole words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from yaml.nodes import Node

from bot.language.folding import normalise
from prompts.catalogue import PROMPTS_DIR
from prompts.yamlfile import PromptError, compose, expect_list, expect_mapping, expect_text, line_of

PHRASES_FILE = PROMPTS_DIR / "safeguarding.yaml"
SECTIONS = ("topics", "variants", "fillers")
# Topic names become prompt keys (care.topic.<name>), so keep them to simple words.
_TOPIC_NAME = re.compile(r"[a-z][a-z_]*")


@dataclass(frozen=True, slots=True)
class Concern:
    topic: str  # e.g. "self_harm"
    phrase: str  # the phrase from the list that matched, as written there


class PhraseList:
    """Phrases by topic, matched after spellings are evened out and filler words dropped."""

    def __init__(
        self,
        topics: Mapping[str, Sequence[str]],
        variants: Mapping[str, Sequence[str]] | None = None,
        fillers: Iterable[str] = (),
    ) -> None:
        self._variants: dict[tuple[str, ...], tuple[str, ...]] = {}
        for canonical, spellings in (variants or {}).items():
            for spelling in spellings:
                key = tuple(normalise(spelling).split())
                if key and key != tuple(normalise(canonical).split()):
                    self._variants[key] = tuple(normalise(canonical).split())
        self._longest = max((len(key) for key in self._variants), default=0)
        self._fillers = frozenset(normalise(word) for word in fillers)
        seen: set[str] = set()
        entries: list[tuple[str, Concern]] = []
        for topic, phrases in topics.items():
            for phrase in phrases:
                padded = f" {self.canonical(phrase)} "
                if padded.strip() and padded not in seen:  # the first of two same phrases wins
                    seen.add(padded)
                    entries.append((padded, Concern(topic, phrase)))
        self._entries = tuple(entries)

    def canonical(self, text: str) -> str:
        """`normalise`, then listed spellings swapped for the usual one, then fillers dropped."""
        words = normalise(text).split()
        out: list[str] = []
        i = 0
        while i < len(words):
            for size in range(min(self._longest, len(words) - i), 0, -1):
                usual = self._variants.get(tuple(words[i : i + size]))
                if usual is not None:
                    out.extend(usual)
                    i += size
                    break
            else:
                out.append(words[i])
                i += 1
        return " ".join(word for word in out if word not in self._fillers)

    def concerns(self, text: str) -> list[Concern]:
        """Every listed phrase in `text`, in the file's order (most serious topic first)."""
        padded = f" {self.canonical(text)} "
        return [concern for phrase, concern in self._entries if phrase in padded]

    @property
    def phrases(self) -> tuple[Concern, ...]:
        """Every phrase in the list with its topic, in the file's order."""
        return tuple(concern for _, concern in self._entries)

    @property
    def topics(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(concern.topic for _, concern in self._entries))

    def __len__(self) -> int:
        return len(self._entries)


def load_phrases(path: Path = PHRASES_FILE) -> PhraseList:
    """Read and check the phrase file; a problem raises PromptError naming the file and line."""
    sections = dict(expect_mapping(path, compose(path), "the file"))
    for name, node in sections.items():
        if name not in SECTIONS:
            raise PromptError(
                path, line_of(node), f"unknown section {name!r} (use {', '.join(SECTIONS)})"
            )
    if "topics" not in sections:
        raise PromptError(path, None, "there is no `topics:` section")
    topics = _named(path, sections["topics"], "topics", "the topic")
    variants = _named(path, sections.get("variants"), "variants", "the spellings of")
    fillers = _texts(path, sections.get("fillers"), "fillers", allow_empty=True)
    if not topics:
        raise PromptError(path, line_of(sections["topics"]), "there are no topics")
    phrase_list = PhraseList(
        {topic: [text for text, _ in texts] for topic, (_, texts) in topics.items()},
        {usual: [text for text, _ in texts] for usual, (_, texts) in variants.items()},
        [text for text, _ in fillers],
    )
    _check(path, phrase_list, topics, variants, fillers)
    return phrase_list


_Lines = list[tuple[str, int]]  # each text with its line in the file


def _named(path: Path, node: Node | None, section: str, what: str) -> dict[str, tuple[int, _Lines]]:
    if node is None:
        return {}
    return {
        name: (line_of(value), _texts(path, value, f"{what} {name!r}"))
        for name, value in expect_mapping(path, node, f"`{section}:`")
    }


def _texts(path: Path, node: Node | None, what: str, *, allow_empty: bool = False) -> _Lines:
    items = [] if node is None else expect_list(path, node, what)
    if not items and not allow_empty:
        raise PromptError(
            path, None if node is None else line_of(node), f"{what} has nothing in it"
        )
    return [(expect_text(path, item, what), line_of(item)) for item in items]


def _check(
    path: Path,
    phrase_list: PhraseList,
    topics: Mapping[str, tuple[int, _Lines]],
    variants: Mapping[str, tuple[int, _Lines]],
    fillers: _Lines,
) -> None:
    """Mistakes a partner could make that would quietly stop phrases matching."""
    for text, line in fillers:
        if len(normalise(text).split()) != 1:
            raise PromptError(path, line, f"the filler {text!r} should be one word")
    owner: dict[str, str] = {}
    for usual, (where, spellings) in variants.items():
        if phrase_list.canonical(usual) != normalise(usual):
            raise PromptError(
                path, where, f"{usual!r} would itself be changed by another line in `variants:`"
            )
        for text, line in spellings:
            spelling = normalise(text)
            if not spelling:
                raise PromptError(path, line, f"the spelling {text!r} has no letters in it")
            if owner.setdefault(spelling, usual) != usual:
                raise PromptError(
                    path, line, f"{text!r} is listed for both {owner[spelling]!r} and {usual!r}"
                )
    for topic, (where, phrases) in topics.items():
        if not _TOPIC_NAME.fullmatch(topic):
            raise PromptError(
                path, where, f"the topic {topic!r} should be lower-case letters and _ only"
            )
        for text, line in phrases:
            if not phrase_list.canonical(text):
                raise PromptError(path, line, f"the phrase {text!r} has no words left to match")
