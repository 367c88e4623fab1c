"""What a comment is about: themes from the codebook in prompts/themes.yaml (welcome,
activities, venue, transport...), each found happy (positive) or unhappy (negative).

A comment is about a theme when it has one of the theme's wordings in the codebook (read in
base forms, with the theme's `unless:` words cancelling), so a partner's edit takes effect at
once and staff can see why. (A linear model per theme over the words, alone, beside the
wordings or able to overrule them, did no better than the wordings in 5-fold cross-validation
over the 593 labelled comments: BENCHMARKS.md sections 16 and 19c.) Whether each theme is happy
or unhappy is a linear model (linear.py) over the comment's base-form words, the theme, the
themes its wordings found, the comment's kind as read (a suggestion says something is missing)
and the band of the sentiment lexicon that ships with vaderSentiment; trained offline on the
labelled comments (`python -m benchmarks.themes_model --write`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from bot.language.detection import Detector, load_rules
from bot.language.linear import Linear, word_features
from prompts.catalogue import PROMPTS_DIR

THEMES_FILE = PROMPTS_DIR / "themes.yaml"
WEIGHTS_FILE = PROMPTS_DIR / "themes.weights.json"
POSITIVE = "positive"
_MOOD_STEPS = (-0.5, -0.05, 0.05, 0.5)  # VADER's compound score, in five bands


@dataclass(frozen=True, slots=True)
class Theme:
    name: str
    positive: bool


@dataclass(frozen=True)
class Themes:
    cues: Detector  # prompts/themes.yaml
    polarity: Linear  # "negative" / "positive"

    @cached_property
    def _mood(self) -> SentimentIntensityAnalyzer:
        return SentimentIntensityAnalyzer()  # its lexicon ships in the package

    def features(self, text: str, asked: str, kind: str) -> tuple[set[str], set[str]]:
        """The comment's features, and the themes whose wordings it has."""
        sentences = self.cues.reader.sentences(text)  # read once, for the cues and the model
        cued = {concern.topic for concern in self.cues.cued(sentences)}
        found = word_features(sentences)
        found |= {f"cue={theme}" for theme in cued} | {f"asked={asked}", f"kind={kind}"}
        mood = self._mood.polarity_scores(text)["compound"]
        found.add(f"mood={sum(mood > step for step in _MOOD_STEPS)}")
        return found, cued

    def read(self, text: str, asked: str, kind: str) -> list[Theme]:
        """Each theme the comment is about, in the codebook's order, happy or not."""
        features, cued = self.features(text, asked, kind)
        return [Theme(name, self.positive(features, name)) for name in self.cues.topics
                if name in cued]  # fmt: skip

    def positive(self, features: set[str], theme: str) -> bool:
        chances = self.polarity.chances(self.polarity.rows(features | {f"theme={theme}"}))
        return bool(chances[self.polarity.classes.index(POSITIVE)] > 0.5)


def load_themes(path: Path = THEMES_FILE, weights: Path = WEIGHTS_FILE) -> Themes:
    data = json.loads(weights.read_text(encoding="utf-8"))
    return Themes(load_rules(path), Linear.of(data))
