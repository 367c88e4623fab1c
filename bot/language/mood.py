"""How happy a piece of text sounds, by the sentiment lexicon that ships with vaderSentiment, in
five bands (0 very unhappy .. 4 very happy). What a comment is (kinds.py) and how each of its
themes is felt (themes.py) both read it, so the last few are remembered: one comment is scored
once however many readers ask."""

from __future__ import annotations

from functools import cache, lru_cache

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

_STEPS = (-0.5, -0.05, 0.05, 0.5)  # VADER's compound score, cut into five bands
_REMEMBERED = 64  # texts; a comment and its parts are asked for one after another


@cache
def _analyser() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()  # its lexicon ships in the package


@lru_cache(maxsize=_REMEMBERED)
def band(text: str) -> int:
    """The text's mood, 0 (very unhappy) to 4 (very happy); 2 is neither."""
    mood = _analyser().polarity_scores(text)["compound"]
    return sum(mood > step for step in _STEPS)
