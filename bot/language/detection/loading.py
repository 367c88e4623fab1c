"""Reading prompts/safeguarding.yaml; every mistake names the file and the line."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from yaml.nodes import MappingNode, Node

from bot.language.detection.cues import (
    GAP,
    Concern,
    Cue,
    HelpLine,
    Parts,
    Topic,
    find,
    matches,
    parse,
)
from bot.language.detection.detector import Detector
from bot.language.detection.reading import Reader, contraction_table, words_of
from bot.language.detection.screen import Screen
from bot.language.folding import normalise
from prompts.catalogue import PROMPTS_DIR
from prompts.yamlfile import PromptError, compose, expect_list, expect_mapping, expect_text, line_of

SAFEGUARDING_FILE = PROMPTS_DIR / "safeguarding.yaml"
SECTIONS = ("topics", "unless", "resolved", "negations", "groups", "spellings", "fillers")
TOPIC_KEYS = ("help", "cues", "unless")
# Topic names become prompt keys (care.topic.<name>), so keep them to simple words.
_TOPIC_NAME = re.compile(r"[a-z][a-z_]*")
_Texts = list[tuple[str, int]]  # each text with its line in the file


def load_detector(path: Path = SAFEGUARDING_FILE) -> Detector:
    """The cues in `path` with, when there is one beside it (`<name>.model.json`), the linear
    screen trained on the labelled corpus (screen.py)."""
    rules = load_rules(path)
    model = path.with_suffix(".model.json")
    return rules.with_screen(Screen.read_file(model)) if model.is_file() else rules


def load_rules(path: Path = SAFEGUARDING_FILE) -> Detector:
    """Only the cues: read and check the file; a problem raises PromptError naming the file
    and line."""
    sections = dict(expect_mapping(path, compose(path), "the file"))
    for name, node in sections.items():
        if name not in SECTIONS:
            raise PromptError(
                path, line_of(node), f"unknown section {name!r} (use {', '.join(SECTIONS)})"
            )
    if "topics" not in sections:
        raise PromptError(path, None, "there is no `topics:` section")
    spellings = _spellings(path, sections.get("spellings"))
    fillers = _texts(path, sections.get("fillers"), "`fillers:`")
    for text, line in fillers:
        if len(normalise(text).split()) != 1:
            raise PromptError(path, line, f"the filler {text!r} should be one word")
    raw = _topics(path, sections["topics"])
    everywhere = _texts(path, sections.get("unless"), "`unless:`")
    resolved = _texts(path, sections.get("resolved"), "`resolved:`")
    negations = _texts(path, sections.get("negations"), "`negations:`")
    written = [t for _, (_, cues, unless) in raw.items() for c in cues for t in (c[0], *c[2])]
    written += [t for t, _ in everywhere + resolved + negations]
    grouped = _groups(path, sections.get("groups"))
    written += [t for words in grouped.values() for t, _ in words]
    targets = {w for t in written for w in normalise(t.replace(GAP, " ")).split()}
    table = contraction_table()
    targets |= {w for t in list(targets) for w in table.get(t, ())}
    reader = Reader(spellings, [t for t, _ in fillers], targets)
    groups = {name: _members(path, reader, words) for name, words in grouped.items()}
    common = tuple(
        _parsed(path, reader, groups, text, line, "cancelling words") for text, line in everywhere
    )
    put_right = tuple(_parsed(path, reader, groups, t, n, "resolved words") for t, n in resolved)
    negating = set()
    for text, line in negations:
        bases = reader.sentence(words_of(text))
        if len(bases) != 1:
            raise PromptError(path, line, f"the negation {text!r} should be one word")
        negating.add(bases[0])
    topics = []
    for name, (help_lines, cues, unless) in raw.items():
        shared = tuple(_parsed(path, reader, groups, t, n, "cancelling words") for t, n in unless)
        built = tuple(
            Cue.of(
                Concern(name, text),
                _parsed(path, reader, groups, text, line, "cue"),
                common
                + shared
                + tuple(_parsed(path, reader, groups, t, line, "cancelling words") for t in own),
            )
            for text, line, own in cues
        )
        for cue, (text, line, _) in zip(built, cues, strict=True):
            _check_not_self_cancelled(path, cue, text, line, put_right)
        topics.append(Topic(name, built, help_lines))
    return Detector(reader, topics, groups, negating, put_right)


def _check_not_self_cancelled(
    path: Path, cue: Cue, text: str, line: int, put_right: tuple[Parts, ...]
) -> None:
    """A cue whose own words hold one of its `unless` or `resolved:` words could never go off."""
    views = [frozenset((word,)) for part in cue.parts for word in part]
    if any(find(words, views) for words in put_right):
        raise PromptError(path, line, f"the cue {text!r} holds one of the `resolved:` words")
    if not matches(Cue.of(cue.concern, (tuple(w for p in cue.parts for w in p),), cue.unless),
                   views, (0,)):  # fmt: skip
        raise PromptError(path, line, f"the cue {text!r} is cancelled by one of its `unless` words")


def _groups(path: Path, node: Node | None) -> dict[str, _Texts]:
    """`name: [words]`: a cue's "<name>" stands for any of the words."""
    found = {}
    for name, value in [] if node is None else expect_mapping(path, node, "`groups:`"):
        if not _TOPIC_NAME.fullmatch(name):
            raise PromptError(
                path, line_of(value), f"the group {name!r} should be lower-case letters and _ only"
            )
        found[name] = _texts(path, value, f"the group {name!r}")
        if not found[name]:
            raise PromptError(path, line_of(value), f"the group {name!r} has nothing in it")
    return found


def _members(path: Path, reader: Reader, words: _Texts) -> frozenset[str]:
    members = set()
    for text, line in words:
        bases = reader.sentence(words_of(text))
        if len(bases) != 1:
            raise PromptError(path, line, f"{text!r}: a group lists single words")
        members.add(bases[0])
    return frozenset(members)


def _parsed(
    path: Path,
    reader: Reader,
    groups: Mapping[str, frozenset[str]],
    text: str,
    line: int,
    what: str,
) -> Parts:
    try:
        parts = parse(reader, text, groups)
    except KeyError as err:
        raise PromptError(
            path, line, f"{text!r}: there is no group {err.args[0]!r} under `groups:`"
        ) from None
    if not parts:
        raise PromptError(path, line, f"the {what} {text!r} has no words left to match")
    if text.strip().startswith(GAP) or text.strip().endswith(GAP):
        raise PromptError(path, line, f"{text!r}: put '...' only between words")
    return parts


_Cues = list[tuple[str, int, list[str]]]  # a cue, its line, its own cancelling words


def _topics(path: Path, node: Node) -> dict[str, tuple[tuple[HelpLine, ...], _Cues, _Texts]]:
    topics = {}
    for name, body in expect_mapping(path, node, "`topics:`"):
        if not _TOPIC_NAME.fullmatch(name):
            raise PromptError(
                path, line_of(body), f"the topic {name!r} should be lower-case letters and _ only"
            )
        keys = dict(expect_mapping(path, body, f"the topic {name!r}"))
        for key, value in keys.items():
            if key not in TOPIC_KEYS:
                raise PromptError(
                    path, line_of(value), f"{name}: unknown key {key!r} (use help, cues, unless)"
                )
        if "cues" not in keys:
            raise PromptError(path, line_of(body), f"the topic {name!r} has no `cues:` list")
        help_lines = tuple(
            HelpLine(who, expect_text(path, number, f"the number for {who!r}"))
            for who, number in (
                expect_mapping(path, keys["help"], "`help:`") if "help" in keys else []
            )
        )
        cues = [_cue(path, item, name) for item in expect_list(path, keys["cues"], f"{name}: cues")]
        if not cues:
            raise PromptError(path, line_of(keys["cues"]), f"the topic {name!r} has nothing in it")
        topics[name] = (help_lines, cues, _texts(path, keys.get("unless"), f"{name}: unless"))
    if not topics:
        raise PromptError(path, line_of(node), "there are no topics")
    return topics


def _cue(path: Path, node: Node, topic: str) -> tuple[str, int, list[str]]:
    """A cue is a line of text, or `cue: ...` with its own `unless: [...]` under it."""
    if not isinstance(node, MappingNode):
        return expect_text(path, node, f"each cue of {topic!r}"), line_of(node), []
    keys = dict(expect_mapping(path, node, f"a cue of {topic!r}"))
    if set(keys) - {"cue", "unless"} or "cue" not in keys:
        raise PromptError(path, line_of(node), "a cue with its own words is `cue:` and `unless:`")
    own = [t for t, _ in _texts(path, keys.get("unless"), "unless")]
    return expect_text(path, keys["cue"], "the cue"), line_of(keys["cue"]), own


def _texts(path: Path, node: Node | None, what: str) -> _Texts:
    items = [] if node is None else expect_list(path, node, what)
    return [(expect_text(path, item, what), line_of(item)) for item in items]


def _spellings(path: Path, node: Node | None) -> dict[str, str]:
    """`usual words: [other spellings]` as spelling -> usual words."""
    owner: dict[str, str] = {}
    for usual, value in [] if node is None else expect_mapping(path, node, "`spellings:`"):
        for text, line in _texts(path, value, f"the spellings of {usual!r}"):
            spelling = normalise(text)
            if not spelling:
                raise PromptError(path, line, f"the spelling {text!r} has no letters in it")
            if owner.setdefault(spelling, usual) != usual:
                raise PromptError(
                    path, line, f"{text!r} is listed for both {owner[spelling]!r} and {usual!r}"
                )
    usuals = {normalise(u) for u in owner.values()}
    for spelling, usual in owner.items():
        if spelling in usuals:
            raise PromptError(
                path, None, f"{spelling!r} is a usual word and a spelling of {usual!r}"
            )
    return owner
