"""Train the model that reads what a comment is (bot/language/kinds.py), offline.

Reads all of tests/understanding/corpus/comments.jsonl and comments2.jsonl (both spent: each
was scored once as a held-out measure, section 14 and 19c of BENCHMARKS.md), or the files given
with --train. The strength (scikit-learn's C) and how sure the model must be before calling
something "not feedback" are chosen by 5-fold cross-validation within them, for the most
comments read right; then one model is trained on all of them and written to
prompts/comment_kinds.weights.json. --check scores that model on another labelled file (to
see what training on one writer does for another).

    python -m benchmarks.comment_kinds_model [--write] [--train PATH ...] [--check PATH]
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

if not __package__:  # run as `python benchmarks/comment_kinds_model.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

from benchmarks.comment_kinds import CORPUS, Labelled, load, read_all
from bot.language.detection import load_rules
from bot.language.kinds import KINDS_FILE, WEIGHTS_FILE, CommentKinds
from bot.language.linear import Linear

STRENGTHS = (1.0, 4.0, 16.0)
FLOORS = (0.3, 0.4, 0.5, 0.6, 0.7)
FOLDS = 5
DIGITS = 4
TRAIN = (CORPUS / "comments.jsonl", CORPUS / "comments2.jsonl")  # both spent, both tuned on


@dataclass(frozen=True, slots=True)
class Choice:
    strength: float
    floor: float
    right: float  # share read right, across the folds


def fit(rows: list[dict[str, int]], kinds: list[str], strength: float) -> Linear:
    vectors = DictVectorizer()
    model = LogisticRegression(C=strength, max_iter=5000)
    model.fit(vectors.fit_transform(rows), kinds)
    coef = model.coef_.T
    weights = {
        name: [round(float(w), DIGITS) for w in coef[i]]
        for name, i in sorted(vectors.vocabulary_.items())
    }
    intercepts = [round(float(b), DIGITS) for b in model.intercept_]
    return Linear([str(c) for c in model.classes_], intercepts, weights)


def choose(cues: CommentKinds, examples: list[Labelled]) -> Choice:
    rows = [dict.fromkeys(cues.features(e.text, e.asked), 1) for e in examples]
    kinds = [e.kind for e in examples]
    folds = list(StratifiedKFold(FOLDS, shuffle=True, random_state=0).split(rows, kinds))
    best: Choice | None = None
    for strength in STRENGTHS:
        models = [fit([rows[i] for i in inside], [kinds[i] for i in inside], strength)
                  for inside, _ in folds]  # fmt: skip
        for floor in FLOORS:
            right = 0
            for model, (_, outside) in zip(models, folds, strict=True):
                reader = CommentKinds(cues.cues, model, floor)
                got = read_all(reader, [examples[i] for i in outside])
                right += sum(g == examples[i].kind for g, i in zip(got, outside, strict=True))
            choice = Choice(strength, floor, right / len(examples))
            print(f"C={strength:g} not_feedback at least {floor}: {choice.right:.1%} read right")
            if best is None or choice.right > best.right:
                best = choice
    assert best is not None
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"write {WEIGHTS_FILE.name}")
    parser.add_argument("--train", type=Path, action="append", help="a labelled file (repeat)")
    parser.add_argument("--check", type=Path, help="score the model trained on --train on this")
    args = parser.parse_args(argv)
    train = args.train or list(TRAIN)
    examples = [e for path in train for e in load(path)]
    blank = Linear(["none"], [0.0], {})
    cues = CommentKinds(load_rules(KINDS_FILE), blank, 1.0)  # only its features are used
    choice = choose(cues, examples)
    print(f"chosen: C={choice.strength:g}, not feedback at least {choice.floor}: "
          f"{choice.right:.1%} read right across the folds")  # fmt: skip
    rows = [dict.fromkeys(cues.features(e.text, e.asked), 1) for e in examples]
    model = fit(rows, [e.kind for e in examples], choice.strength)
    if args.check is not None:
        other = load(args.check)
        got = read_all(CommentKinds(cues.cues, model, choice.floor), other)
        right = sum(g == e.kind for g, e in zip(got, other, strict=True)) / len(other)
        print(f"trained on {', '.join(p.name for p in train)}: {right:.1%} of "
              f"{args.check.name} read right")  # fmt: skip
    if args.write:
        data = {
            "about": "Made by `python -m benchmarks.comment_kinds_model --write` from all of "
            f"{' and '.join(p.name for p in train)}; see bot/language/kinds.py.",
            "classes": list(model.classes),
            "intercepts": [float(b) for b in model.intercepts],
            "not_feedback_floor": choice.floor,
            "weights": {n: [float(w) for w in model.weights[i]] for i, n in enumerate(model.names)},
        }
        WEIGHTS_FILE.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
        print(f"wrote {WEIGHTS_FILE} ({len(model.names)} features)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
