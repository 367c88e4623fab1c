"""Plain words: the lint over every shipped prompt, and loading errors that point at a line."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest

from prompts import PromptError, Prompts, load_prompts
from prompts.lint import Jargon, check_prompts, check_text, load_jargon, reading_ease

ROOT = Path(__file__).resolve().parents[2]
JARGON: Jargon = load_jargon()


def test_every_shipped_prompt_is_plain(prompts: Prompts) -> None:
    problems = check_prompts(prompts.all_texts(), JARGON)
    assert problems == [], "\n".join(map(str, problems))


@pytest.mark.parametrize(
    "text",
    [
        "Join our co-production session!",
        "We value co production.",
        "Coproduction matters.",
        "Help us co-design the cafe.",
        "Stakeholder views count.",
        "As a service user, tell us.",
        "Every beneficiary counts.",
        "Our evaluation needs you.",
    ],
)
def test_jargon_is_caught(text: str) -> None:
    assert JARGON.found_in(text), text
    assert check_text("t", text, JARGON)


def test_plain_words_pass() -> None:
    assert (
        check_text("t", "What did you enjoy this week? Is there anything you'd change?", JARGON)
        == []
    )
    assert JARGON.found_in("I'm so engaged with the knitting group") == []


def test_long_sentence_and_hard_reading_are_caught() -> None:
    long = " ".join(["word"] * 25) + "."
    assert any("25 words" in p.message for p in check_text("t", long, JARGON))
    hard = (
        "Organisational accountability necessitates comprehensive documentation. "
        "Institutional considerations predominate regarding organisational sustainability "
        "and interdepartmental communication."
    )
    assert reading_ease(hard) < 30
    assert any("hard to read" in p.message for p in check_text("t", hard, JARGON))


@pytest.mark.parametrize("text", ["<b>bold", "<blink>x</blink>", "fish & chips", "</i>"])
def test_broken_html_is_caught(text: str) -> None:
    assert check_text("t", text, JARGON)


def _copy_prompts(tmp_path: Path) -> Path:
    root = tmp_path / "prompts"
    shutil.copytree(ROOT / "prompts", root, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return root


def test_malformed_yaml_names_file_and_line(tmp_path: Path) -> None:
    root = _copy_prompts(tmp_path)
    (root / "questions" / "default.yaml").write_text(
        "questions:\n  - key: a\n    kind: liked\n    text: [unclosed\n"
    )
    with pytest.raises(PromptError) as err:
        load_prompts(root)
    assert "default.yaml:" in str(err.value) and err.value.line is not None


@pytest.mark.parametrize(
    ("body", "problem", "line"),
    [
        ("questions:\n  - key: a\n    kind: happy\n    text: Hi?\n", "kind 'happy'", 3),
        ("questions:\n  - key: a\n    text: Hi?\n", "no `kind:`", 2),
        (
            "questions:\n  - key: a\n    kind: liked\n    text: Hi?\n"
            "  - key: a\n    kind: idea\n    text: Yo?\n",
            "used twice",
            5,
        ),
        ("questions: []\n", "empty", 1),
        ("asks: 1\n", "no `questions:`", 1),
    ],
)
def test_question_set_problems_point_at_the_line(
    tmp_path: Path, body: str, problem: str, line: int
) -> None:
    root = _copy_prompts(tmp_path)
    (root / "questions" / "default.yaml").write_text(body)
    with pytest.raises(PromptError, match=problem) as err:
        load_prompts(root)
    assert err.value.line == line


def test_yes_no_keys_are_refused(tmp_path: Path) -> None:
    root = _copy_prompts(tmp_path)
    (root / "en" / "extra.yaml").write_text("buttons2:\n  yes: Yes\n")
    with pytest.raises(PromptError, match="plain word"):
        load_prompts(root)


def test_user_text_is_escaped(prompts: Prompts) -> None:
    text = prompts.text("comment.thanks", project="<b>Tea</b> & cake")
    assert "&lt;b&gt;Tea&lt;/b&gt; &amp; cake" in text


def _string_constants(path: Path) -> list[str]:
    tree = ast.parse(path.read_text())
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def test_handlers_hold_no_words_people_read() -> None:
    """Every word a person sees lives in prompts/: handlers only pass prompt keys around."""
    for path in (ROOT / "handlers").glob("*.py"):
        for value in _string_constants(path):
            assert not (" " in value and value[:1].isupper() and value.rstrip()[-1:] in ".!?"), (
                path.name,
                value,
            )
