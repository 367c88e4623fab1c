"""Train the checks on the codebook's wordings (bot/language/checks.py) offline, and measure them
the one way that says how they do on a writer they have not seen: each labelled file read by
checks and a polarity model trained on the other two ("leave one file out"; the three files are
by three writers). The wordings are the same in every fold, and were edited reading all three
files, so the wordings' own figures are a fit; what the checks add to them is the measure.

One logistic model per theme over Themes.reading's `whole` features (base forms, pairs, which
wordings matched, what it answered, its kind as read, the lexicon's band), features seen in
fewer than two training comments left out, classes balanced. Each theme's `keep` and `add` are
chosen on the training files read the same way (each by checks trained on the others), for the
best F1 of "a wording found it and the check keeps it, or the check is all but sure".

    python -m benchmarks.themes_checks [--write] [--cross-validate]   # needs the dev extra
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

if not __package__:  # run as `python benchmarks/themes_checks.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np
from numpy.typing import NDArray
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from benchmarks import common
from benchmarks.themes import CORPUS, Labelled, Score, load, score
from benchmarks.themes_model import fit
from bot.language.checks import Check
from bot.language.detection import load_rules
from bot.language.linear import Linear
from bot.language.themes import CHECKS_FILE, POSITIVE, THEMES_FILE, Themes

FILES = ("comments.jsonl", "comments2.jsonl", "comments3.jsonl")  # three writers, all spent
STRENGTH, FEWEST, DIGITS = 1.0, 2, 3
KEEPS = tuple(round(float(x), 2) for x in np.arange(0.1, 0.91, 0.05))
ADDS = (0.8, 0.85, 0.9, 0.95, 1.0)  # 1.0: never add; high, so the wordings stay what finds a theme
_Matrix = NDArray[np.float64]


class Data:
    """One labelled file read once: each comment's features, its wordings' themes, its labels."""

    def __init__(self, reader: Themes, examples: list[Labelled]) -> None:
        readings = [reader.reading(e.text, e.asked, e.kind) for e in examples]
        self.examples = examples
        self.rows = [r.whole for r in readings]
        topics = reader.cues.topics
        self.cued = np.array([[t in r.cued for t in topics] for r in readings], dtype=bool)
        self.wanted = np.array([[t in e.themes for t in topics] for e in examples], dtype=bool)


def train(data: list[Data], topics: tuple[str, ...]) -> tuple[list[float], dict[str, list[float]]]:
    """Each theme's intercept, and each feature's weight for every theme."""
    rows = [row for d in data for row in d.rows]
    seen = Counter(f for row in rows for f in row)
    vectors = DictVectorizer()
    x = vectors.fit_transform([{f: 1 for f in row if seen[f] >= FEWEST} for row in rows])
    wanted = np.vstack([d.wanted for d in data])
    intercepts, columns = [], []
    for j in range(len(topics)):
        model = LogisticRegression(C=STRENGTH, max_iter=5000, class_weight="balanced")
        model.fit(x, wanted[:, j])
        intercepts.append(round(float(model.intercept_[0]), DIGITS))
        columns.append(model.coef_[0])
    weights = {
        name: [round(float(c[i]), DIGITS) for c in columns]
        for name, i in sorted(vectors.vocabulary_.items())
    }
    return intercepts, {n: w for n, w in weights.items() if any(w)}


def chances(model: tuple[list[float], dict[str, list[float]]], data: Data) -> _Matrix:
    intercepts, weights = model
    out = np.zeros(data.cued.shape)
    for i, row in enumerate(data.rows):
        score = np.array(intercepts) + sum(
            (np.array(weights[f]) for f in row if f in weights), np.zeros(len(intercepts))
        )
        out[i] = 1.0 / (1.0 + np.exp(-score))
    return out


def f1(found: NDArray[np.bool_], wanted: NDArray[np.bool_]) -> float:
    said = int(found.sum() + wanted.sum())
    return 2 * int((found & wanted).sum()) / said if said else 0.0


def thresholds(data: list[Data], topics: tuple[str, ...]) -> tuple[list[float], list[float]]:
    """Each theme's keep and add, for the best F1 with each file read by checks trained on the
    other files."""
    read = [chances(train([o for o in data if o is not d], topics), d) for d in data]
    p = np.vstack(read)
    cued, wanted = np.vstack([d.cued for d in data]), np.vstack([d.wanted for d in data])
    keep, add = [], []
    for j in range(len(topics)):
        best = max(
            ((k, a) for k in KEEPS for a in ADDS if a >= k),
            key=lambda q: f1((cued[:, j] & (p[:, j] >= q[0])) | (p[:, j] > q[1]), wanted[:, j]),
        )
        keep.append(best[0])
        add.append(best[1])
    return keep, add


def checks(data: list[Data], topics: tuple[str, ...]) -> dict[str, Check]:
    keep, add = thresholds(data, topics)
    intercepts, weights = train(data, topics)
    return {
        t: Check(intercepts[j], {n: w[j] for n, w in weights.items() if w[j]}, keep[j], add[j])
        for j, t in enumerate(topics)
    }


def table(words: Score, checked: Score) -> None:
    rows: list[list[object]] = []
    for theme in words.per_theme:
        row: list[object] = [theme, words.per_theme[theme][2]]
        for result in (words, checked):
            right, found, labelled = result.per_theme[theme]
            row += [f"{100 * right / found:.0f}%" if found else "-",
                    f"{100 * right / labelled:.0f}%" if labelled else "-",
                    f"{result.f1(theme):.2f}"]  # fmt: skip
        rows.append(row)
    head = ["theme", "labelled", "P words", "R words", "F1 words", "P checked", "R checked",
            "F1 checked"]  # fmt: skip
    common.table(head, rows)


def across(reader: Themes, data: dict[str, Data]) -> None:
    """Each file read by checks and a polarity model trained on the other two."""
    topics = reader.cues.topics
    for held, d in data.items():
        others = [o for name, o in data.items() if name != held]
        polarity = fit(reader, [e for o in others for e in o.examples], 1.0)
        words = score(Themes(reader.cues, polarity), d.examples)
        checked = score(Themes(reader.cues, polarity, checks(others, topics)), d.examples)
        common.title(f"{held}, trained on the other two")
        table(words, checked)
        print(
            f"{held}: macro F1 wordings {words.macro_f1():.3f}, checked "
            f"{checked.macro_f1():.3f}; polarity right {checked.polarity_right():.1%}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"write {CHECKS_FILE.name}")
    parser.add_argument("--cross-validate", action="store_true", help="leave one file out")
    args = parser.parse_args(argv)
    reader = Themes(load_rules(THEMES_FILE), Linear(["negative", POSITIVE], [0.0, 0.0], {}))
    data = {name: Data(reader, load(CORPUS / name)) for name in FILES}
    if args.cross_validate:
        across(reader, data)
    if args.write:
        topics = reader.cues.topics
        keep, add = thresholds(list(data.values()), topics)
        intercepts, weights = train(list(data.values()), topics)
        out = {
            "about": f"Made by `python -m benchmarks.themes_checks --write` from all of "
            f"{', '.join(FILES)}; see bot/language/checks.py.",
            "themes": list(topics), "intercepts": intercepts, "keep": keep, "add": add,
            "weights": weights,
        }  # fmt: skip
        CHECKS_FILE.write_text(json.dumps(out, separators=(",", ":")) + "\n", encoding="utf-8")
        print(f"wrote {CHECKS_FILE} ({len(weights)} features); keep {keep}, add {add}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
