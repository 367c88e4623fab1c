"""Themes and how people feel about them (issue 15): bot/language/themes.py on the labelled
comments in tests/understanding/corpus/comments.jsonl, per half (split.py), or on another
labelled file in the same format, whole (--corpus).

Prints, per half and theme: precision, recall and F1 of finding it; the macro-averaged F1 over
themes; and how often a theme found rightly is also rightly happy or unhappy ("polarity"). The
kind fed to the themes is the one Natter reads (kinds.py), as when a comment is stored. Misses
are printed for the tuning half only (--show-misses): never read the held-out half's. With
--totals-only only the figures are printed (F1 per theme, macro F1, polarity), never a comment's
text, so a blind set can be scored without being read.

    python -m benchmarks.themes [--show-misses] [--corpus PATH] [--totals-only]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

if not __package__:  # run as `python benchmarks/themes.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import common
from bot.language.kinds import load_kinds
from bot.language.themes import Theme, Themes, load_themes
from tests.understanding.corpus.split import half as half_of

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "understanding" / "corpus"


@dataclass(frozen=True, slots=True)
class Labelled:
    id: str
    text: str
    asked: str
    kind: str  # as Natter reads it, not as labelled
    themes: dict[str, bool]  # theme -> positive


@dataclass(frozen=True, slots=True)
class Score:
    per_theme: dict[str, tuple[int, int, int]]  # theme -> (found right, found, labelled)
    polarity: tuple[int, int]  # right, of themes found rightly
    misses: list[str]
    ms: float

    def f1(self, theme: str) -> float:
        right, found, labelled = self.per_theme[theme]
        return 2 * right / (found + labelled) if found + labelled else 0.0

    def macro_f1(self) -> float:
        return sum(self.f1(t) for t in self.per_theme) / len(self.per_theme)

    def polarity_right(self) -> float:
        right, total = self.polarity
        return right / total if total else 0.0


def load(path: Path = CORPUS / "comments.jsonl", half: str | None = None) -> list[Labelled]:
    """The labelled comments in `path`: all of them, or one half's (split.py)."""
    kinds = load_kinds()
    lines = path.read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line.strip()]
    return [
        Labelled(r["id"], r["text"], r["asked"], kinds.read(r["text"], r["asked"]),
                 {t: p == "positive" for t, p in r["themes"].items()})
        for r in rows if half is None or half_of(r["id"]) == half
    ]  # fmt: skip


def load_half(half: str) -> list[Labelled]:
    return load(half=half)


def score(themes: Themes, examples: list[Labelled]) -> Score:
    start = time.perf_counter()
    read: list[list[Theme]] = [themes.read(e.text, e.asked, e.kind) for e in examples]
    ms = common.ms(time.perf_counter() - start) / max(1, len(examples))
    counts = {t: [0, 0, 0] for t in themes.cues.topics}
    polarity = [0, 0]
    misses = []
    for example, found in zip(examples, read, strict=True):
        got = {t.name: t.positive for t in found}
        for theme in counts:
            counts[theme][1] += theme in got
            counts[theme][2] += theme in example.themes
            if theme in got and theme in example.themes:
                counts[theme][0] += 1
                polarity[1] += 1
                polarity[0] += got[theme] == example.themes[theme]
        if got != example.themes:
            misses.append(f"{example.themes} read as {got}: {example.text}")
    per_theme = {t: (a, b, c) for t, (a, b, c) in counts.items()}
    return Score(per_theme, (polarity[0], polarity[1]), misses, ms)


def report(name: str, result: Score, show: bool, totals_only: bool = False) -> None:
    """The figures for `name` (a half, or a file); with `show`, each miss and its text."""
    if totals_only:
        each = ", ".join(f"{theme} {result.f1(theme):.2f}" for theme in result.per_theme)
        print(f"themes {name} F1 per theme: {each}")
    else:
        common.title(name)
        table(result)
    print(
        f"themes {name}: macro F1 {result.macro_f1():.3f}, polarity right "
        f"{100 * result.polarity_right():.1f}% ({result.polarity[0]} of {result.polarity[1]}), "
        f"{result.ms:.3f} ms a comment"
    )
    if show and not totals_only:
        for line in result.misses:
            print(f"  {line}")


def table(result: Score) -> None:
    rows: list[list[object]] = []
    for theme, (right, found, labelled) in result.per_theme.items():
        precision = f"{100 * right / found:.0f}%" if found else "-"
        recall = f"{100 * right / labelled:.0f}%" if labelled else "-"
        rows.append([theme, labelled, precision, recall, f"{result.f1(theme):.2f}"])
    common.table(["theme", "labelled", "precision", "recall", "F1"], rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-misses", action="store_true", help="the tuning half's only")
    parser.add_argument("--half", choices=("tuning", "held_out", "both"), default="both")
    parser.add_argument("--corpus", type=Path, help="score this labelled file, whole")
    parser.add_argument("--totals-only", action="store_true", help="figures only, no text")
    args = parser.parse_args(argv)
    print(common.machine_line())
    themes = load_themes()
    if args.corpus is not None:
        report(args.corpus.name, score(themes, load(args.corpus)), False, args.totals_only)
        return 0
    for half in ("tuning", "held_out"):
        if args.half in (half, "both"):
            result = score(themes, load_half(half))
            show = args.show_misses and half == "tuning"
            report(f"{half} half", result, show, args.totals_only)
    return 0


if __name__ == "__main__":
    sys.exit(main())
