"""Train the model that says whether a theme is happy or unhappy (bot/language/themes.py)
offline, on all the labelled comments in tests/understanding/corpus/comments.jsonl,
comments2.jsonl and comments3.jsonl (all spent: each was scored as a held-out measure; a fourth
blind set by another writer now measures the themes, scored by the lead with `benchmarks.themes
--corpus ... --totals-only`), or on the files given with --train. --check scores the model so
trained on another file (what one writer's comments teach about another's).

One example for each theme a comment is labelled with, over the features Themes.reading gives
(base forms, of the theme's own parts when the comment turns; what it answered; its kind as
Natter reads it; the sentiment lexicon's band; the themes its wordings found) and the theme.
The strength is chosen by 5-fold cross-validation (folds by comment), or given (--strength);
then the model is trained on all the comments and written to prompts/themes.weights.json.

--cross-validate prints the 5-fold figures over all the comments: macro F1 of the wordings
(not trained, so the same in each fold; they were written reading these comments, so it is a
fit) and polarity with the model trained on the other four folds; and, beside them, the wordings
OR a model per theme over the same features (balanced classes) above a threshold chosen inside
the training folds, the one way of learning to find a theme that was measured against them.

    python -m benchmarks.themes_model [--write] [--cross-validate] [--strength C]
        [--train PATH ...] [--check PATH]   # needs the dev extra
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

if not __package__:  # run as `python benchmarks/themes_model.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np
from numpy.typing import NDArray
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold

from benchmarks.themes import CORPUS, Labelled, load, score
from bot.language.detection import load_rules
from bot.language.linear import Linear
from bot.language.themes import POSITIVE, THEMES_FILE, WEIGHTS_FILE, Themes

STRENGTHS = (0.25, 1.0, 4.0, 16.0)
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
FOLDS, DIGITS = 5, 4
TRAIN = tuple(
    CORPUS / f"{name}.jsonl" for name in ("comments", "comments2", "comments3")
)  # all spent
_Folds = list[tuple[NDArray[np.int_], NDArray[np.int_]]]


def folds(count: int) -> _Folds:
    """The same five folds of comments every run."""
    return list(KFold(FOLDS, shuffle=True, random_state=0).split(np.arange(count)))


def pairs(reader: Themes, examples: list[Labelled]) -> tuple[list[dict[str, int]], list[str]]:
    rows, labels = [], []
    for e in examples:
        reading = reader.reading(e.text, e.asked, e.kind)
        for theme, positive in e.themes.items():
            rows.append(dict.fromkeys(reading.of(theme), 1))
            labels.append(POSITIVE if positive else "negative")
    return rows, labels


def fit(reader: Themes, examples: list[Labelled], strength: float) -> Linear:
    rows, labels = pairs(reader, examples)
    vectors = DictVectorizer()
    model = LogisticRegression(C=strength, max_iter=5000).fit(vectors.fit_transform(rows), labels)
    if list(model.classes_) != ["negative", POSITIVE]:
        raise ValueError(f"expected negative and positive labels, got {model.classes_}")
    coef = model.coef_[0]
    weights = {n: [0.0, round(float(coef[i]), DIGITS)] for n, i in vectors.vocabulary_.items()}
    return Linear(["negative", POSITIVE], [0.0, round(float(model.intercept_[0]), DIGITS)],
                  dict(sorted(weights.items())))  # fmt: skip


def polarity_across(reader: Themes, examples: list[Labelled], strength: float) -> float:
    """Polarity right (of themes found rightly) with each fold read by a model trained on the
    other four."""
    right = total = 0
    for inside, outside in folds(len(examples)):
        model = fit(reader, [examples[i] for i in inside], strength)
        result = score(Themes(reader.cues, model), [examples[i] for i in outside])
        right, total = right + result.polarity[0], total + result.polarity[1]
    return right / total if total else 0.0


def f1(found: NDArray[np.bool_], labelled: NDArray[np.bool_]) -> float:
    both = int((found & labelled).sum())
    said = int(found.sum() + labelled.sum())
    return 2 * both / said if said else 0.0


def per_theme_model(reader: Themes, examples: list[Labelled]) -> tuple[float, float]:
    """Macro F1 across the folds of the wordings alone, and of the wordings OR a model per
    theme (thresholds chosen inside the training folds)."""
    themes = reader.cues.topics
    rows, cued = [], []
    for e in examples:
        reading = reader.reading(e.text, e.asked, e.kind)
        rows.append(dict.fromkeys(reading.common.union(*reading.own.values()), 1))
        cued.append([t in reading.cued for t in themes])
    wanted = np.array([[t in e.themes for t in themes] for e in examples])
    words = np.array(cued)
    chances = np.zeros(wanted.shape)
    chosen = np.zeros(wanted.shape, dtype=bool)
    for inside, outside in folds(len(examples)):
        inner = np.zeros((len(inside), len(themes)))
        for inner_in, inner_out in folds(len(inside)):
            inner[inner_out] = _chances(rows, wanted, inside[inner_in], inside[inner_out])
        chances[outside] = _chances(rows, wanted, inside, outside)
        for j in range(len(themes)):
            best = max(THRESHOLDS, key=lambda t: f1(words[inside, j] | (inner[:, j] > t),
                                                    wanted[inside, j]))  # fmt: skip
            chosen[outside, j] = chances[outside, j] > best
    each = range(len(themes))
    alone = float(np.mean([f1(words[:, j], wanted[:, j]) for j in each]))
    both = float(np.mean([f1(words[:, j] | chosen[:, j], wanted[:, j]) for j in each]))
    return alone, both


def _chances(
    rows: list[dict[str, int]], wanted: NDArray[np.bool_], inside: NDArray[np.int_],
    outside: NDArray[np.int_],
) -> NDArray[np.float64]:  # fmt: skip
    vectors = DictVectorizer()
    train = vectors.fit_transform([rows[i] for i in inside])
    test = vectors.transform([rows[i] for i in outside])
    out = np.zeros((len(outside), wanted.shape[1]))
    for j in range(wanted.shape[1]):
        model = LogisticRegression(C=1.0, max_iter=5000, class_weight="balanced")
        out[:, j] = model.fit(train, wanted[inside, j]).predict_proba(test)[:, 1]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"write {WEIGHTS_FILE.name}")
    parser.add_argument("--cross-validate", action="store_true", help="print the 5-fold figures")
    parser.add_argument("--quick", action="store_true", help="try only C=1")
    parser.add_argument("--strength", type=float, help="try only this C")
    parser.add_argument("--train", type=Path, action="append", help="a labelled file (repeat)")
    parser.add_argument("--check", type=Path, help="score a model trained on --train on this")
    args = parser.parse_args(argv)
    reader = Themes(load_rules(THEMES_FILE), Linear(["negative", POSITIVE], [0.0, 0.0], {}))
    train = args.train or list(TRAIN)
    examples = [e for path in train for e in load(path)]
    best, best_right = STRENGTHS[0], -1.0
    tried = (args.strength,) if args.strength else (1.0,) if args.quick else STRENGTHS
    for strength in tried:
        right = polarity_across(reader, examples, strength)
        print(f"C={strength:g}: polarity right {right:.1%} across the folds")
        if right > best_right:
            best, best_right = strength, right
    print(f"chosen: C={best:g}, polarity right {best_right:.1%} across {FOLDS} folds")
    if args.cross_validate:
        alone, both = per_theme_model(reader, examples)
        print(f"macro F1 across the folds: wordings {alone:.3f} (a fit), wordings or a model "
              f"per theme {both:.3f}")  # fmt: skip
    if args.check is not None:
        result = score(Themes(reader.cues, fit(reader, examples, best)), load(args.check))
        print(
            f"trained on {', '.join(p.name for p in train)}, read on {args.check.name}: "
            f"macro F1 {result.macro_f1():.3f}, polarity right {result.polarity_right():.1%}"
        )
    if args.write:
        model = fit(reader, examples, best)
        data = {
            "about": "Made by `python -m benchmarks.themes_model --write` from all of "
            f"{' and '.join(p.name for p in train)}; see bot/language/themes.py.",
            "classes": list(model.classes),
            "intercepts": [float(b) for b in model.intercepts],
            "weights": {n: [float(w) for w in model.weights[i]] for i, n in enumerate(model.names)},
        }
        WEIGHTS_FILE.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
        print(f"wrote {WEIGHTS_FILE} ({len(model.names)} features)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
