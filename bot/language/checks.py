"""A check per theme on what the codebook's wordings found (themes.py): a logistic model over the
comment's base-form words, which wordings matched, what it answered, its kind as read and the
lexicon's band, trained offline on the labelled comments (`python -m benchmarks.themes_checks
--write`) and shipped as prompts/themes.checks.json.

A wording's theme is kept when its check gives it at least `keep`; a theme no wording found is
added only when its check gives it more than `add`, set high, so the wordings stay what finds a
theme and the check mostly says when one is about something else ("the lunch club's minibus").
Both figures are chosen per theme by reading each labelled file with checks trained on the
others, so they are set on a writer the checks had not seen.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class Check:
    intercept: float
    weights: Mapping[str, float]
    keep: float  # a wording's theme is kept at this chance or more
    add: float  # a theme no wording found is added above this chance

    def chance(self, features: Iterable[str]) -> float:
        score = self.intercept + sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-score))

    def allows(self, features: Iterable[str], cued: bool) -> bool:
        chance = self.chance(features)
        return chance >= self.keep if cued else chance > self.add


def checks_of(data: Mapping[str, Any]) -> dict[str, Check]:
    """From the JSON benchmarks/themes_checks.py writes: the themes in order, each one's
    intercept and thresholds, and each feature's weight for every theme."""
    themes: list[str] = data["themes"]
    intercepts, keep, add = (list(data[k]) for k in ("intercepts", "keep", "add"))
    rows: Mapping[str, list[float]] = data["weights"]
    if not len(intercepts) == len(keep) == len(add) == len(themes) or any(
        len(w) != len(themes) for w in rows.values()
    ):
        raise ValueError("the checks' themes and weights do not agree")
    return {
        theme: Check(
            float(intercepts[j]),
            {name: w[j] for name, w in rows.items() if w[j]},
            float(keep[j]),
            float(add[j]),
        )
        for j, theme in enumerate(themes)
    }


def load_checks(path: Path) -> dict[str, Check]:
    """The checks in `path`; none when it is missing (the wordings alone then find themes)."""
    if not path.exists():
        return {}
    return checks_of(json.loads(path.read_text(encoding="utf-8")))
