"""What a comment is about: themes from the codebook in prompts/themes.yaml (welcome,
activities, venue, transport...), each found happy (positive) or unhappy (negative).

A comment is about a theme when it has one of the theme's wordings in the codebook (read in
base forms, with the theme's `unless:` words cancelling), so a partner's edit takes effect at
once and staff can see why; then a check per theme (checks.py, trained on the three labelled
files) may drop a theme found by a wording that is about something else here ("my friend wants
to come" is not about company) or, when all but sure, add one no wording found. A theme with no
check (a partner's new one) is found by its wordings alone. Trained on two writers' files and
read on the third's, the checks lifted macro F1 on each (BENCHMARKS.md section 27); over 593
comments alone they had not (sections 16 and 19c). Whether each theme is happy
or unhappy is a linear model (linear.py) over the comment's base-form words, the theme, the
themes its wordings found, the comment's kind as read (a suggestion says something is missing)
and the band of the sentiment lexicon that ships with vaderSentiment; trained offline on the
labelled comments (`python -m benchmarks.themes_model --write`).

A comment is read in parts, cut where it turns ("nice people | but the bus is hopeless"): in a
comment of more than one part, each theme is weighed on the words and the lexicon's band of the
parts its wordings are in (with the whole comment's band, what it answered and its kind), so
each theme of a mixed comment has its own mood (BENCHMARKS.md section 24).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bot.language.checks import Check, load_checks
from bot.language.detection import Detector, load_rules
from bot.language.linear import Linear, word_features
from bot.language.mood import band
from prompts.catalogue import PROMPTS_DIR

THEMES_FILE = PROMPTS_DIR / "themes.yaml"
WEIGHTS_FILE = PROMPTS_DIR / "themes.weights.json"
CHECKS_FILE = PROMPTS_DIR / "themes.checks.json"
POSITIVE = "positive"
# Where a comment turns: a part starts at each of these ("..., but the bus is hopeless").
_TURN = re.compile(
    r"\b(?=(?:but|though|although|however|except|whereas|even if|even though|mind you|"
    r"shame about|only thing|other than that|apart from that)\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Theme:
    name: str
    positive: bool


@dataclass(frozen=True, slots=True)
class Reading:
    """A comment's features for the polarity model: its own, and each found theme's."""

    common: frozenset[str]  # the whole comment's
    cued: tuple[str, ...]  # the themes its wordings found, in the codebook's order
    own: Mapping[str, frozenset[str]]  # each found theme: its parts' words and band
    whole: frozenset[str] = frozenset()  # for the checks: all its words, and which wordings

    def of(self, theme: str) -> set[str]:
        return set(self.common | self.own.get(theme, frozenset())) | {f"theme={theme}"}


@dataclass(frozen=True)
class Themes:
    cues: Detector  # prompts/themes.yaml
    polarity: Linear  # "negative" / "positive"
    checks: Mapping[str, Check] = field(default_factory=dict)  # theme -> its check

    def reading(self, text: str, asked: str, kind: str) -> Reading:
        """The comment read once, in parts, for the wordings and the model."""
        parts = [p for p in _TURN.split(text) if p.strip()] or [text]
        said = [self.cues.reader.sentences(part) for part in parts]
        where: dict[str, list[int]] = {}
        by: set[str] = set()  # which wording found which theme: some mislead more than others
        for n, sentences in enumerate(said):
            for concern in self.cues.cued(sentences):
                where.setdefault(concern.topic, []).append(n)
                by.add(f"by={concern.topic}:{concern.phrase}")
        cued = tuple(t for t in self.cues.topics if t in where)
        common = {f"cue={theme}" for theme in cued} | {f"asked={asked}", f"kind={kind}"}
        words = word_features(s for sentences in said for s in sentences)
        if len(parts) == 1:
            common |= words
            common.add(f"mood={band(text)}")
            return Reading(frozenset(common), cued, {}, frozenset(common | by))
        common.add(f"whole mood={band(text)}")
        own = {t: self._own(parts, said, where[t]) for t in cued}
        return Reading(frozenset(common), cued, own, frozenset(common | words | by))

    @staticmethod
    def _own(parts: list[str], said: list[list[list[str]]], at: list[int]) -> frozenset[str]:
        """A theme's parts read as if each were the whole comment: their words and the
        lexicon's band, under the same names, so "the hall is freezing" weighs the same
        alone or beside "but the dinners are lovely". Which part comes first is left out:
        "good but bad" is the usual order, and learning it read "bad but good" backwards."""
        mine = sorted(set(at))
        found = word_features(s for n in mine for s in said[n])
        found.add(f"mood={band(' '.join(parts[n] for n in mine))}")
        return frozenset(found)

    def read(self, text: str, asked: str, kind: str) -> list[Theme]:
        """Each theme the comment is about, in the codebook's order, happy or not."""
        reading = self.reading(text, asked, kind)
        return [Theme(name, self.positive(reading.of(name))) for name in self.found(reading)]

    def found(self, reading: Reading) -> tuple[str, ...]:
        """The themes the comment is about: its wordings' themes as their checks allow, and
        any theme whose check is all but sure of it."""
        found = []
        for theme in self.cues.topics:
            check = self.checks.get(theme)
            if check is None:
                keep = theme in reading.cued
            else:
                keep = check.allows(reading.whole, cued=theme in reading.cued)
            if keep:
                found.append(theme)
        return tuple(found)

    def positive(self, features: set[str]) -> bool:
        chances = self.polarity.chances(self.polarity.rows(features))
        return bool(chances[self.polarity.classes.index(POSITIVE)] > 0.5)


def load_themes(
    path: Path = THEMES_FILE, weights: Path = WEIGHTS_FILE, checks: Path = CHECKS_FILE
) -> Themes:
    data = json.loads(weights.read_text(encoding="utf-8"))
    return Themes(load_rules(path), Linear.of(data), load_checks(checks))
