"""Themes and how people feel about them (bot/language/themes.py), with floors on the labelled
comments (benchmarks/themes.py prints the figures). The held-out half was scored once, on
2026-12-03, after tuning on the tuning half only: macro-averaged F1 0.638 over the ten themes
(the issue's goal of 0.8 is not met), polarity right 90.8% (goal 85%: met). Held at what was
reached less a small margin, so a change that loses ground fails."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.themes import load_half, score
from bot.language.detection import load_rules
from bot.language.themes import THEMES_FILE, Theme, Themes, load_themes

THEMES = load_themes()
# half: (macro F1 at least, polarity right at least)
FLOORS = {"tuning": (0.64, 0.97), "held_out": (0.61, 0.87)}


@pytest.mark.parametrize("half", list(FLOORS))
def test_themes_hold_their_floors(half: str) -> None:
    result = score(THEMES, load_half(half))
    lowest_f1, lowest_polarity = FLOORS[half]
    assert result.macro_f1() >= lowest_f1, result.macro_f1()
    assert result.polarity_right() >= lowest_polarity, result.polarity_right()


def test_a_comment_has_each_of_its_themes_happy_or_not() -> None:
    found = THEMES.read("nice people but the bus is hopeless", "anything_else", "remark")
    assert Theme("transport", False) in found
    assert THEMES.read("the scones were gorgeous, still warm", "liked", "praise") == [
        Theme("food", True)
    ]
    asked_for = THEMES.read("could the bus stop be nearer the hall", "idea", "suggestion")
    assert "transport" in {t.name for t in asked_for}
    assert not any(t.positive for t in asked_for)  # a request says what is missing


def test_a_partners_new_theme_is_found_by_its_words(tmp_path: Path) -> None:
    edited = tmp_path / "themes.yaml"
    edited.write_text(
        THEMES_FILE.read_text(encoding="utf-8") + "  gardening:\n    cues: [allotment, seeds]\n",
        encoding="utf-8",
    )
    themes = Themes(load_rules(edited), THEMES.polarity)
    assert [t.name for t in themes.read("could we get some seeds", "idea", "suggestion")] == [
        "gardening"
    ]
