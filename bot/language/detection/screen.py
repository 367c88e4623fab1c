"""A second reader beside the cues: a small linear model over the message's base-form words.

The cues catch what they were written for and little else; people outside the team said it in
ways no cue foresaw, and a cue's words turn up in messages that are fine ("a talk on falls").
So each message is also scored by a multinomial logistic regression over its words, word pairs
and words one apart (the same base forms the cues see), trained offline on the labelled corpus
(`python -m benchmarks.safeguarding_model`, which writes prompts/safeguarding.model.json). Its
verdict is read in two ways:

* a cue's concern stands unless the model is all but sure the message is fine
  (chance of a crisis under `with_cue`) and the message has at least `veto_words` words, so
  there is enough of it to judge: "nearly died laughing" with no cue for laughing;
* with no cue, the model alone raises a concern when the chance of a crisis is over `alone`
  and the message has at least FEWEST_WORDS words,
  naming the words that weighed most, so staff still see why ("no point ... go on").

It is a sum of weights looked up in a dict: cheap, the same every time, and each figure can be
traced to the words that made it.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.language.detection.marks import Marks
from bot.language.linear import Linear, word_features

__all__ = ["FEWEST_WORDS", "NONE", "Screen", "Verdict", "features"]

NONE = "none"  # the class of messages that are fine
# The model alone raises nothing on fewer base-form words than this: "not really" or "nothing
# much" carry too little to go on, and short replies are most of what people send.
FEWEST_WORDS = 4
_SHOWN = 3  # words named to staff when the model alone raises a concern


@dataclass(frozen=True, slots=True)
class Verdict:
    crisis: float  # the chance the message is about any crisis topic
    topic: str  # the likeliest crisis topic
    # The words that weighed most towards it, heaviest first (worked out only when asked).
    because: Callable[[], tuple[str, ...]]


def features(sentences: Sequence[Sequence[str]], marks: Marks | None = None) -> set[str]:
    """The model's features: words and word pairs (linear.py), each mark the message holds
    ("@past", marks.py) and each two marks held together ("@fine+@past"): a past trouble now
    mended is surer than either alone (left out: false alarms 4.6% to 4.4%, recall kept).
    Whether a cue was found is left out: the cues were written reading the training corpora,
    so the model would learn to trust them more than a new writer's messages bear out (tried:
    recall left out fell to 91%)."""
    found = word_features(sentences)
    if marks is not None:
        held = sorted(f"@{mark}" for mark in marks.found(sentences))
        found.update(held)
        found.update(f"{a}+{b}" for a, b in itertools.combinations(held, 2))
    return found


class Screen:
    """The model and its thresholds, read from the JSON file."""

    def __init__(
        self, model: Linear, alone: float, with_cue: float, veto_words: int = 0, apart: float = 1.0
    ) -> None:
        if NONE not in model.classes:
            raise ValueError(f"the screen's classes have no {NONE!r}")
        self.model = model
        self.classes = model.classes  # "none" and each topic
        self.alone = alone  # a crisis chance over this raises a concern with no cue
        self.with_cue = with_cue  # a cue's concern stands when the crisis chance is over this
        self.veto_words = veto_words  # ... or when the message has fewer base-form words
        # ... or when the sentences holding the cue, weighed alone, are over this: a worry told
        # beside cheerful chat or a trouble now past ("it was a warm day yesterday. today the
        # heating's broken") is not waved off by what stands around it. 1: never.
        self.apart = apart
        self.fewest_words = FEWEST_WORDS
        self.marks: Marks | None = None  # read the way the cues are (Detector.with_screen)
        self._none = model.classes.index(NONE)

    @classmethod
    def read_file(cls, path: Path) -> Screen:
        data = json.loads(path.read_text(encoding="utf-8"))
        veto_words, apart = int(data.get("veto_words", 0)), float(data.get("apart", 1.0))
        return cls(
            Linear.of(data), float(data["alone"]), float(data["with_cue"]), veto_words, apart
        )

    def verdict(self, sentences: Sequence[Sequence[str]]) -> Verdict:
        rows = self.model.rows(features(sentences, self.marks))
        chances = self.model.chances(rows)
        crisis = 1.0 - float(chances[self._none])
        chances[self._none] = -1.0
        best = int(chances.argmax())
        return Verdict(crisis, self.classes[best], lambda: self._because(rows, best))

    def _because(self, rows: list[int], best: int) -> tuple[str, ...]:
        weights, names = self.model.weights, self.model.names
        pull = weights[rows, best] - weights[rows, self._none]
        heaviest = sorted((-p, names[r]) for p, r in zip(pull, rows, strict=True) if p > 0)
        return tuple(name.replace(" _ ", " ... ") for _, name in heaviest[:_SHOWN])
