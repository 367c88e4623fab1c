"""Train the model that says whether a theme is happy or unhappy (bot/language/themes.py)
offline, on the tuning half of tests/understanding/corpus/comments.jsonl only.

One example for each theme a comment is labelled with, over the features Themes.features gives
(base forms, what it answered, its kind as Natter reads it, the sentiment lexicon's band) and
the theme. The strength is chosen by 5-fold cross-validation within the tuning half; then the
model is trained on the whole tuning half and written to prompts/themes.weights.json.

    python -m benchmarks.themes_model [--write]    # needs the dev extra (scikit-learn)
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

if not __package__:  # run as `python benchmarks/themes_model.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_score

from benchmarks.themes import Labelled, load_half
from bot.language.detection import load_rules
from bot.language.linear import Linear
from bot.language.themes import POSITIVE, THEMES_FILE, WEIGHTS_FILE, Themes

STRENGTHS = (0.25, 1.0, 4.0, 16.0)
FOLDS, DIGITS = 5, 4


def pairs(reader: Themes, examples: list[Labelled]) -> tuple[list[dict[str, int]], list[str]]:
    rows, labels = [], []
    for e in examples:
        features = reader.features(e.text, e.asked, e.kind)[0]
        for theme, positive in e.themes.items():
            rows.append(dict.fromkeys(features | {f"theme={theme}"}, 1))
            labels.append(POSITIVE if positive else "negative")
    return rows, labels


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"write {WEIGHTS_FILE.name}")
    args = parser.parse_args(argv)
    reader = Themes(load_rules(THEMES_FILE), Linear(["negative", POSITIVE], [0.0, 0.0], {}))
    rows, labels = pairs(reader, load_half("tuning"))
    vectors = DictVectorizer()
    matrix = vectors.fit_transform(rows)
    best, best_right = STRENGTHS[0], -1.0
    for strength in STRENGTHS:
        model = LogisticRegression(C=strength, max_iter=5000)
        right = float(cross_val_score(model, matrix, labels, cv=FOLDS).mean())
        print(f"C={strength:g}: polarity right {right:.1%} across the folds")
        if right > best_right:
            best, best_right = strength, right
    print(f"chosen: C={best:g}, {best_right:.1%} right across the folds")
    if args.write:
        model = LogisticRegression(C=best, max_iter=5000).fit(matrix, labels)
        coef, names = model.coef_[0], sorted(vectors.vocabulary_.items())
        data = {
            "about": "Made by `python -m benchmarks.themes_model --write` from the tuning half "
            "of tests/understanding/corpus/comments.jsonl; see bot/language/themes.py.",
            "classes": [str(c) for c in model.classes_],
            "intercepts": [0.0, round(float(model.intercept_[0]), DIGITS)],
            "weights": {n: [0.0, round(float(coef[i]), DIGITS)] for n, i in names},
        }
        WEIGHTS_FILE.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
        print(f"wrote {WEIGHTS_FILE} ({len(names)} features)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
