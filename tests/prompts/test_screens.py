"""Screens as the person sees them: every join of prompts registered, and each screen counted."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from prompts import PromptError, Prompts, load_prompts
from prompts.joins import find_joins
from prompts.screen_check import check_joins, check_screens, screen_text, word_count
from prompts.screens import MAX_SCREEN_WORDS, fits_phone, phone_lines

ROOT = Path(__file__).resolve().parents[2]


def _copy_prompts(tmp_path: Path) -> Path:
    root = tmp_path / "prompts"
    shutil.copytree(ROOT / "prompts", root, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return root


def _add_screen(root: Path, entry: str) -> None:
    path = root / "screens.yaml"
    path.write_text(path.read_text() + entry)


def test_every_shipped_screen_fits(prompts: Prompts) -> None:
    problems = check_screens(prompts)
    assert problems == [], "\n".join(map(str, problems))


def test_every_join_in_the_code_is_a_registered_screen(prompts: Prompts) -> None:
    joins = find_joins()
    # The reader sees the real joins, so a pass is not for want of looking.
    assert any("consent.intro" in map(str, j.keys) for j in joins)
    assert any({"note.noted", "note.reminder"} <= set(map(str, j.keys)) for j in joins)
    problems = check_joins(joins, prompts.screens)
    assert problems == [], "\n".join(map(str, problems))


def test_the_consent_screen_is_counted_with_the_projects_own_texts(prompts: Prompts) -> None:
    consent = prompts.screen("consent")
    text = screen_text(prompts, consent)
    assert "A cuppa and a chat every Tuesday." in text and "The day and the hall." in text
    assert word_count(text) <= MAX_SCREEN_WORDS
    longer = screen_text(prompts, consent, {"about": "word " * 30})
    assert word_count(longer) == word_count(text) - 7 + 30


def test_an_over_long_screen_fails_the_lint(tmp_path: Path) -> None:
    root = _copy_prompts(tmp_path)
    _add_screen(
        root,
        "  - name: too_long\n    for: participant\n"
        "    keys: [consent.intro, consent.more, consent.promise]\n",
    )
    (problem,) = check_screens(load_prompts(root))
    assert "screen too_long" in str(problem) and "keep it to 60" in problem.message
    assert "screens.yaml:" in problem.where


def test_staff_screens_are_registered_but_not_counted(tmp_path: Path) -> None:
    root = _copy_prompts(tmp_path)
    _add_screen(
        root,
        "  - name: long_list\n    for: staff\n    keys: [consent.more, help.text]\n",
    )
    assert check_screens(load_prompts(root)) == []


def test_a_longer_screen_needs_its_reason_and_keeps_its_own_limit(tmp_path: Path) -> None:
    root = _copy_prompts(tmp_path)
    _add_screen(
        root,
        "  - name: two\n    for: volunteer\n    keys: [consent.more, help.text]\n"
        "    longer:\n      words: 100\n      because: A test.\n",
    )
    (problem,) = check_screens(load_prompts(root))
    assert "keep it to 100" in problem.message
    _add_screen(
        root,
        "  - name: three\n    for: volunteer\n    keys: [help.text]\n    longer: {words: 99}\n",
    )
    with pytest.raises(PromptError, match="words and because"):
        load_prompts(root)


def test_a_long_prompt_on_its_own_fails_unless_its_screen_allows_it(tmp_path: Path) -> None:
    root = _copy_prompts(tmp_path)
    (root / "en" / "extra.yaml").write_text("extra:\n  long: " + "Tea is nice. " * 21 + "\n")
    (problem,) = check_screens(load_prompts(root))
    assert "extra.long" in problem.where and "63 words" in problem.message
    # "Tell me more" has 80 words by its screen's reason; over that it fails too.
    more = root / "en" / "messages.yaml"
    more.write_text(more.read_text().replace("    Is that OK?", "    " + "Tea is nice. " * 5, 1))
    problems = check_screens(load_prompts(root))
    assert any("consent_more" in p.where and "keep it to 80" in p.message for p in problems)


def test_a_screen_naming_a_missing_prompt_fails(tmp_path: Path) -> None:
    root = _copy_prompts(tmp_path)
    _add_screen(root, "  - name: ghost\n    for: participant\n    keys: [consent.nope]\n")
    (problem,) = check_screens(load_prompts(root))
    assert "consent.nope" in problem.message


def test_an_unregistered_join_fails_the_lint(tmp_path: Path, prompts: Prompts) -> None:
    code = tmp_path / "bot"
    code.mkdir()
    (code / "thanks.py").write_text(
        "def thanks(place):\n"
        "    parts = [Say('note.done', {'place': place})]\n"
        "    parts.append(Say('note.reminder'))\n"
        "    return Reply(tuple(parts), (Button(Say('buttons.done'), 'x'),))\n"
        "\n"
        "def alone():\n"
        "    return Reply((Say('note.done'),), menu=(Say('buttons.note_menu'),))\n"
        "\n"
        "def registered(mood):\n"
        "    return Reply((Say(f'checkin.{mood}'), Say('checkin.more')))\n"
    )
    (join,) = [j for j in find_joins(code) if not j.covered_by(("checkin.bad", "checkin.more"))]
    assert sorted(map(str, join.keys)) == ["note.done", "note.reminder"]  # not the button
    (problem,) = check_joins(find_joins(code), prompts.screens)
    assert "thanks.py" in problem.where and "note.done + note.reminder" in problem.message


@pytest.mark.parametrize(
    ("text", "buttons", "lines"),
    [
        ("Hello!", 0, 1),
        ("Hello!", 2, 5),
        ("word " * 14, 0, 3),  # 70 characters wrap onto 3 lines of 32
        ("One.\n\nTwo.", 0, 3),
        ("<b>Bold</b> &amp; x", 0, 1),
    ],
)
def test_lines_on_a_small_phone(text: str, buttons: int, lines: int) -> None:
    assert phone_lines(text, buttons) == lines


def test_a_first_screen_that_does_not_fit_a_small_phone_fails(tmp_path: Path) -> None:
    root = _copy_prompts(tmp_path)
    assert fits_phone("short", 2) and not fits_phone("\n" * 20, 1)
    path = root / "screens.yaml"
    path.write_text(
        path.read_text().replace(
            "    buttons: 2\n    whole: true", "    buttons: 9\n    whole: true", 1
        )
    )
    (problem,) = check_screens(load_prompts(root))
    assert "screen consent" in problem.where and "small phone" in problem.message


def test_a_broken_registry_names_its_line(tmp_path: Path) -> None:
    root = _copy_prompts(tmp_path)
    _add_screen(root, "  - name: who\n    for: everyone\n    keys: [help.text]\n")
    with pytest.raises(PromptError, match="for:") as err:
        load_prompts(root)
    assert err.value.line is not None and "screens.yaml" in str(err.value)
