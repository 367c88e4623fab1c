"""The checks on the codebook's wordings (bot/language/checks.py): a wording's theme is kept
only when its check allows it, a theme no wording found is added only when its check is all
but sure, and a theme with no check (a partner's new one) is found by its wordings alone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.language.checks import Check, checks_of, load_checks
from bot.language.detection import load_rules
from bot.language.themes import CHECKS_FILE, Themes, load_themes
from tests.understanding.test_themes import with_gardening

THEMES = load_themes()


def test_a_check_keeps_adds_or_drops_by_its_chance() -> None:
    check = Check(0.0, {"lunch club": -3.0, "gravy": 3.0}, keep=0.4, add=0.9)
    assert check.chance([]) == pytest.approx(0.5)
    assert check.allows([], cued=True)  # a wording found it: kept at even odds
    assert not check.allows([], cued=False)  # no wording: added only when all but sure
    assert not check.allows(["lunch club"], cued=True)
    assert check.allows(["gravy"], cued=False)


def test_the_shipped_checks_cover_every_theme_and_stay_wordings_first() -> None:
    assert set(THEMES.checks) == set(THEMES.cues.topics)
    assert all(c.add >= 0.8 and c.add >= c.keep for c in THEMES.checks.values())


def test_the_checks_read_a_file_whose_parts_agree(tmp_path: Path) -> None:
    data = {"themes": ["food", "venue"], "intercepts": [0.5, -1.0], "keep": [0.3, 0.5],
            "add": [0.9, 1.0], "weights": {"gravy": [2.0, 0.0], "hall": [0.0, 1.5]}}  # fmt: skip
    checks = checks_of(data)
    assert checks["food"].weights == {"gravy": 2.0} and checks["venue"].keep == 0.5
    data["keep"] = [0.3]
    with pytest.raises(ValueError, match="do not agree"):
        checks_of(data)
    assert load_checks(tmp_path / "missing.json") == {}
    path = tmp_path / "checks.json"
    path.write_text(json.dumps({**data, "keep": [0.3, 0.5]}), encoding="utf-8")
    assert set(load_checks(path)) == {"food", "venue"}
    assert json.loads(CHECKS_FILE.read_text(encoding="utf-8"))["themes"] == list(THEMES.cues.topics)


def test_without_checks_the_wordings_alone_find_themes() -> None:
    bare = Themes(THEMES.cues, THEMES.polarity)
    reading = bare.reading("my friend wants to come, is the lunch halal", "free", "question")
    assert bare.found(reading) == reading.cued


def test_a_partners_new_theme_is_found_beside_the_checks(tmp_path: Path) -> None:
    themes = Themes(load_rules(with_gardening(tmp_path)), THEMES.polarity, THEMES.checks)
    found = themes.read("could we get some seeds for the garden", "idea", "suggestion")
    assert "gardening" in {t.name for t in found}


@pytest.mark.parametrize(
    ("text", "wording", "kept"),
    [("the lunch club minibus was late again", "food", "transport"),
     ("the trip bus never turned up", "activities", "transport")],
)  # fmt: skip
def test_a_check_drops_a_wording_about_something_else(text: str, wording: str, kept: str) -> None:
    reading = THEMES.reading(text, "change", "suggestion")
    assert wording in reading.cued  # "lunch", "trip": a wording of the theme is there
    assert THEMES.found(reading) == (kept,)
