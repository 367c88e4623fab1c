"""What a comment is: a suggestion (or complaint), a question for the partner, praise, a remark,
or not feedback at all (thanks, "no, that's all", a question about Natter itself).

Suggestions and questions go to /replies wherever they were said; not-feedback is kept as
conversation, never counted or quoted. Read by a small linear model (linear.py) over the
comment's base-form words, which question it answered, how it begins, whether it asks, the
band of the sentiment lexicon (mood.py) and the wordings in prompts/comment_kinds.yaml, trained
offline on the labelled comments (`python -m benchmarks.comment_kinds_model --write`). Calling
something "not feedback" hides it from the round-ups, so that needs the model to be sure
(`not_feedback_floor`); otherwise the next likeliest kind is taken.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from bot.language.detection import Detector, load_rules
from bot.language.folding import normalise
from bot.language.linear import Linear, word_features
from bot.language.mood import band
from prompts.catalogue import PROMPTS_DIR

KINDS_FILE = PROMPTS_DIR / "comment_kinds.yaml"
WEIGHTS_FILE = PROMPTS_DIR / "comment_kinds.weights.json"
KINDS = ("suggestion", "question", "praise", "remark", "not_feedback")
NOT_FEEDBACK = "not_feedback"
# What the comment answered: a question's kind, a volunteer's note, or nothing (a free message).
ASKED = ("liked", "change", "idea", "anything_else", "free", "group_note")
# Words a question to the partner often begins with ("is there a bus", "what time is it on").
_ASKING = frozenset(
    {"is", "are", "do", "does", "did", "can", "could", "will", "would", "what", "when", "where",
     "who", "how", "which", "why", "whats", "wheres", "whens", "any", "has", "have", "should",
     "shall"}
)  # fmt: skip
_SHORT = 4  # words; "ok", "no that's all" and "thanks" are short


@dataclass(frozen=True, slots=True)
class CommentKinds:
    cues: Detector  # prompts/comment_kinds.yaml: wordings that often mean each kind
    model: Linear
    not_feedback_floor: float

    def features(self, text: str, asked: str) -> set[str]:
        found = word_features(self.cues.reader.sentences(text))
        found.add(f"asked={asked}")
        found |= {f"cue={concern.topic}" for concern in self.cues.concerns(text)}
        words = normalise(text).split()
        if words:
            found.add(f"start={words[0]}")
            if words[0] in _ASKING:
                found.add("asks")
        if "?" in text:
            found.add("?")
        if len(words) < _SHORT:
            found.add("short")
        found.add(f"mood={band(text)}")  # "nothing, the cake is lovely": praise, not a request
        return found

    def read(self, text: str, asked: str, feedback: bool = False) -> str:
        """The comment's kind (one of KINDS); `asked` is one of ASKED. With `feedback` (it is
        known to be about the service), the likeliest kind that is not "not feedback"."""
        chances = self.model.chances(self.model.rows(self.features(text, asked)))
        order = sorted(range(len(chances)), key=lambda k: -chances[k])
        best = self.model.classes[order[0]]
        if best == NOT_FEEDBACK and (feedback or chances[order[0]] < self.not_feedback_floor):
            return self.model.classes[order[1]]
        return best


def load_kinds(path: Path = KINDS_FILE, weights: Path = WEIGHTS_FILE) -> CommentKinds:
    data = json.loads(weights.read_text(encoding="utf-8"))
    model = Linear.of(data)
    if set(model.classes) != set(KINDS):
        raise ValueError(f"{weights}: the kinds are {model.classes}, not {KINDS}")
    return CommentKinds(load_rules(path), model, float(data["not_feedback_floor"]))
