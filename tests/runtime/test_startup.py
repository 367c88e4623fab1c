"""Every YAML file is read and checked at start-up: a broken one stops `natter run`, a webhook
worker and every CLI command with status 2, naming the file and the line, before anything is
touched (README "Settings": PROMPTS_DIR points Natter at a copy of the prompts)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.cli.main import EXIT_CONFIG, main
from bot.runtime.webhook import create_app
from tests.support.keys import PSEUDONYM_KEY

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "123456:TEST"


@dataclass(frozen=True)
class Break:
    file: str  # relative to prompts/
    line: str  # appended at the end of the file
    problem: str


# One mistake a partner could make in each file, appended as its last line.
BREAKS = [
    Break("en/messages.yaml", 'broken: "Hello {name"', "broken {placeholder}"),
    Break(
        "questions/default.yaml",
        '  - {key: anything_else, kind: other, text: "Again?"}',
        "'anything_else' is used twice",
    ),
    Break("safeguarding.yaml", "extras: [biscuits]", "unknown section 'extras'"),
    Break("optout.yaml", "extra: [please]", "unknown section 'extra'"),
    Break("stopwords.yaml", "- yes", "'yes' is not read as a word"),
    Break("jargon.yaml", "- 42", "'42' is not read as a word"),
]


@dataclass(frozen=True)
class Broken:
    prompts: Path  # the broken copy of prompts/
    where: str  # "<file>:<line>:", as the error names it
    problem: str


@pytest.fixture(params=BREAKS, ids=lambda b: b.file)
def broken(request: pytest.FixtureRequest, tmp_path: Path) -> Broken:
    found: Break = request.param
    root = tmp_path / "prompts"
    shutil.copytree(ROOT / "prompts", root, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    path = root / found.file
    text = path.read_text(encoding="utf-8")
    path.write_text(f"{text}{found.line}\n", encoding="utf-8")
    return Broken(root, f"{path}:{text.count(chr(10)) + 1}:", found.problem)


def env(tmp_path: Path, broken: Broken) -> dict[str, str]:
    return {
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(ROOT),
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "PSEUDONYM_KEY": PSEUDONYM_KEY,
        "TELEGRAM_BASE_URL": "http://127.0.0.1:9/bot",  # never reached
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'natter.db'}",
        "PROMPTS_DIR": str(broken.prompts),
        "WEBHOOK_URL": "https://natter.example.org/telegram",
        "WEBHOOK_SECRET": "s3cret-for-tests",
    }


def one_line_naming(err: str, broken: Broken) -> None:
    assert err.startswith("natter: ") and len(err.strip().splitlines()) == 1, err
    assert broken.where in err and broken.problem in err, err
    assert "Traceback" not in err


@pytest.mark.parametrize("args", [("run",), ("run", "--webhook")], ids=["polling", "webhook"])
def test_a_broken_file_stops_natter_run(
    tmp_path: Path, broken: Broken, args: tuple[str, ...]
) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=tmp_path,
        env=env(tmp_path, broken),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == EXIT_CONFIG
    one_line_naming(result.stderr, broken)
    assert not (tmp_path / "natter.db").exists()  # stopped before touching the database


def test_a_broken_file_stops_a_webhook_worker(
    tmp_path: Path,
    broken: Broken,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Each uvicorn worker reads the files itself (`natter run --webhook` checked them first)."""
    monkeypatch.chdir(tmp_path)
    for key, value in env(tmp_path, broken).items():
        monkeypatch.setenv(key, value)
    with pytest.raises(SystemExit) as stopped:
        create_app()
    assert stopped.value.code == EXIT_CONFIG
    one_line_naming(capsys.readouterr().err, broken)


@pytest.mark.parametrize(
    "args",
    [
        ("status",),
        ("db", "upgrade"),
        ("partner", "add", "--slug", "age-uk", "--name", "Age UK"),
        ("report", "--programme", "--from", "2026-10-01", "--to", "2026-10-31"),
        ("check-prompts",),
    ],
    ids=lambda args: "-".join(args[:2]),
)
def test_a_broken_file_stops_every_cli_command(
    tmp_path: Path,
    broken: Broken,
    args: tuple[str, ...],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    for key, value in env(tmp_path, broken).items():
        monkeypatch.setenv(key, value)
    assert main(list(args)) == EXIT_CONFIG
    one_line_naming(capsys.readouterr().err, broken)
    assert not (tmp_path / "natter.db").exists()


def test_prompts_dir_must_be_a_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nowhere"
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PROMPTS_DIR", str(missing))
    assert main(["status"]) == EXIT_CONFIG
    err = capsys.readouterr().err
    assert f"PROMPTS_DIR {str(missing)!r} is not a folder" in err and len(err.splitlines()) == 1


def test_the_shipped_files_start_cleanly_from_a_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The control: an unbroken copy of prompts/ is read from PROMPTS_DIR and passes."""
    root = tmp_path / "prompts"
    shutil.copytree(ROOT / "prompts", root, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PROMPTS_DIR", str(root))
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'natter.db'}")
    assert main(["check-prompts"]) == 0
    assert main(["db", "upgrade"]) == 0
    assert "up to date" in capsys.readouterr().out
