"""A blind set is scored with `--corpus PATH --totals-only` (benchmarks/themes.py and
benchmarks/comment_kinds.py): the whole file, and only the figures, never a comment's text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks import comment_kinds, themes
from bot.language.kinds import load_kinds
from bot.language.themes import load_themes

SECRET = "the zebra crossing outside the hall is a death trap"
LINES = [
    {"id": "b1", "text": SECRET, "asked": "change", "kind": "suggestion",
     "themes": {"venue": "negative"}},
    {"id": "b2", "text": "the scones were gorgeous, still warm", "asked": "liked",
     "kind": "praise", "themes": {"food": "positive"}},
    {"id": "b3", "text": "the bus never comes", "asked": "change", "kind": "suggestion",
     "themes": {"food": "negative"}},  # labelled wrongly on purpose: a miss
]  # fmt: skip


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "blind.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in LINES), encoding="utf-8")
    return path


def test_themes_score_a_whole_file_and_print_no_text(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert themes.main(["--corpus", str(corpus), "--totals-only"]) == 0
    out = capsys.readouterr().out
    assert SECRET not in out and "zebra" not in out and "scones" not in out
    assert "themes blind.jsonl F1 per theme: welcome 0.00" in out
    result = themes.score(load_themes(), themes.load(corpus))
    assert f"macro F1 {result.macro_f1():.3f}" in out
    assert result.per_theme["venue"][2] == 1 and result.per_theme["food"][2] == 2  # all 3 lines
    assert f"food {result.f1('food'):.2f}" in out


def test_without_totals_only_the_table_is_printed(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert themes.main(["--corpus", str(corpus)]) == 0
    out = capsys.readouterr().out
    assert "precision" in out and "recall" in out and SECRET not in out


def test_comment_kinds_score_a_whole_file_and_print_no_text(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert comment_kinds.main(["--corpus", str(corpus), "--totals-only"]) == 0
    out = capsys.readouterr().out
    assert SECRET not in out and "precision  recall" not in out
    reader = load_kinds()
    examples = comment_kinds.load(corpus)
    got = comment_kinds.read_all(reader, examples)
    right = sum(g == e.kind for g, e in zip(got, examples, strict=True))
    assert f"comments blind.jsonl: read right {100 * right / 3:.1f}%" in out
