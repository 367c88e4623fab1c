"""A second reader beside the cues: a small linear model over the message's base-form words.

The cues catch what they were written for and little else; people outside the team said it in
ways no cue foresaw, and a cue's words turn up in messages that are fine ("a talk on falls").
So each message is also scored by a multinomial logistic regression over its words, word pairs
and words two apart (the same base forms the cues see), trained offline on the labelled corpus
(`python -m benchmarks.safeguarding_model`, which writes prompts/safeguarding.model.json). Its
verdict is read in two ways:

* a cue's concern stands unless the model is all but sure the message is fine
  (chance of a crisis under `with_cue`): "nearly died laughing" with no cue for laughing;
* with no cue, the model alone raises a concern when the chance of a crisis is over `alone`,
  naming the words that weighed most, so staff still see why ("no point ... go on").

It is a sum of weights looked up in a dict: cheap, the same every time, and each figure can be
traced to the words that made it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

NONE = "none"  # the class of messages that are fine
_SHOWN = 3  # words named to staff when the model alone raises a concern


def features(sentences: Iterable[Sequence[str]]) -> set[str]:
    """Each base form, each pair side by side, and each pair one word apart, within a sentence."""
    found: set[str] = set()
    for words in sentences:
        for i, word in enumerate(words):
            found.add(word)
            if i + 1 < len(words):
                found.add(f"{word} {words[i + 1]}")
            if i + 2 < len(words):
                found.add(f"{word} _ {words[i + 2]}")
    return found


@dataclass(frozen=True, slots=True)
class Verdict:
    crisis: float  # the chance the message is about any crisis topic
    topic: str  # the likeliest crisis topic
    # The words that weighed most towards it, heaviest first (worked out only when asked).
    because: Callable[[], tuple[str, ...]]


class Screen:
    """The model: one weight per class for each feature, read from the JSON file."""

    def __init__(
        self,
        classes: Sequence[str],
        intercepts: Sequence[float],
        weights: Mapping[str, Sequence[float]],
        alone: float,
        with_cue: float,
    ) -> None:
        self.classes = tuple(classes)  # "none" and each topic
        if NONE not in self.classes or any(len(w) != len(self.classes) for w in weights.values()):
            raise ValueError("the screen's classes and weights do not agree")
        self.alone = alone  # a crisis chance over this raises a concern with no cue
        self.with_cue = with_cue  # a cue's concern stands when the crisis chance is over this
        self._none = self.classes.index(NONE)
        self._intercepts = np.array(intercepts, dtype=np.float64)
        self._names = tuple(weights)
        self._rows = {name: row for row, name in enumerate(self._names)}
        self._weights = np.array([weights[n] for n in self._names], dtype=np.float64)
        self._weights.shape = (len(self._names), len(self.classes))

    @classmethod
    def read_file(cls, path: Path) -> Screen:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            data["classes"],
            data["intercepts"],
            data["weights"],
            float(data["alone"]),
            float(data["with_cue"]),
        )

    def verdict(self, sentences: Iterable[Sequence[str]]) -> Verdict:
        rows = [r for f in features(sentences) if (r := self._rows.get(f)) is not None]
        scores = self._intercepts + self._weights[rows].sum(axis=0)
        odds = np.exp(scores - scores.max())
        crisis = 1.0 - float(odds[self._none] / odds.sum())
        scores[self._none] = -np.inf
        best = int(scores.argmax())
        return Verdict(crisis, self.classes[best], lambda: self._because(rows, best))

    def _because(self, rows: list[int], best: int) -> tuple[str, ...]:
        pull = self._weights[rows, best] - self._weights[rows, self._none]
        heaviest = sorted((-p, self._names[r]) for p, r in zip(pull, rows, strict=True) if p > 0)
        return tuple(name.replace(" _ ", " ... ") for _, name in heaviest[:_SHOWN])
