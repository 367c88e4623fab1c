"""A linear model over a message's words, trained offline and shipped as JSON: a sum of
looked-up weights, cheap, the same every time, and each figure traceable to the words that made
it. The safeguarding screen (detection/screen.py) and the reading of comments (kinds.py) use it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray


def word_features(sentences: Iterable[Sequence[str]]) -> set[str]:
    """Each base form, each pair side by side, and each pair one word apart, within a sentence."""
    found: set[str] = set()
    add = found.add  # added in the same order as ever: the set's order is the sum's order
    for words in sentences:
        last = len(words) - 1
        for i, word in enumerate(words):
            add(word)
            if i < last:
                add(f"{word} {words[i + 1]}")
                if i + 1 < last:
                    add(f"{word} _ {words[i + 2]}")
    return found


class Linear:
    """Multinomial logistic regression: one weight per class for each feature."""

    def __init__(
        self,
        classes: Sequence[str],
        intercepts: Sequence[float],
        weights: Mapping[str, Sequence[float]],
    ) -> None:
        self.classes = tuple(classes)
        if len(intercepts) != len(self.classes) or any(
            len(w) != len(self.classes) for w in weights.values()
        ):
            raise ValueError("the model's classes and weights do not agree")
        self.intercepts = np.array(intercepts, dtype=np.float64)
        self.names = tuple(weights)
        self._rows = {name: row for row, name in enumerate(self.names)}
        self.weights = np.array([weights[n] for n in self.names], dtype=np.float64)
        self.weights.shape = (len(self.names), len(self.classes))

    @classmethod
    def of(cls, data: Mapping[str, Any]) -> Linear:
        """From the JSON the training scripts write (classes, intercepts, weights)."""
        return cls(data["classes"], data["intercepts"], data["weights"])

    def rows(self, features: Iterable[str]) -> list[int]:
        """The rows of the features the model knows."""
        return [r for r in map(self._rows.get, features) if r is not None]

    def chances(self, rows: list[int]) -> NDArray[np.float64]:
        """Each class's chance, in the order of `classes`."""
        scores = self.intercepts + self.weights[rows].sum(axis=0)
        odds: NDArray[np.float64] = np.exp(scores - scores.max())
        chances: NDArray[np.float64] = odds / odds.sum()
        return chances
