"""Settings fail fast with one sentence naming the key and the fix."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.runtime.settings import ConfigError, load_settings

ROOT = Path(__file__).resolve().parents[2]


def test_defaults() -> None:
    settings = load_settings(env_file=None, environ={})
    assert settings.database_url == "sqlite+aiosqlite:///natter.db"
    assert settings.timezone.key == "Europe/London"
    assert settings.token is None and settings.base_url is None
    assert settings.retention_days == 730


def test_env_file_is_read_and_environment_wins(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_text("TELEGRAM_BOT_TOKEN=111:abc\nTIMEZONE=Europe/Paris\n")
    settings = load_settings(env_file=env, environ={"TIMEZONE": "UTC"})
    assert settings.token == "111:abc" and settings.timezone.key == "UTC"


def test_base_url_gives_matching_file_url() -> None:
    settings = load_settings(
        env_file=None, environ={"TELEGRAM_BASE_URL": "http://127.0.0.1:8081/bot"}
    )
    assert settings.base_url == "http://127.0.0.1:8081/bot"
    assert settings.base_file_url == "http://127.0.0.1:8081/file/bot"


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("TELEGRAM_BOT_TOKEN", "not a token"),
        ("DATABASE_URL", "mysql://x/y"),
        ("DATABASE_URL", "::::"),
        ("TELEGRAM_BASE_URL", "ftp://x"),
        ("TIMEZONE", "Mars/Olympus"),
        ("LOG_LEVEL", "LOUD"),
        ("RETENTION_DAYS", "two years"),
        ("RETENTION_DAYS", "0"),
        ("RETENTION_DAYS", "-5"),
        ("RETENTION_DAYS", "30.5"),
        ("RETENTION_DAYS", "99999999"),
        ("PSEUDONYM_KEY", "too-short"),
        ("PSEUDONYM_KEY", "a key of more than thirty-two characters, with spaces"),
    ],
)
def test_malformed_values_name_the_key(key: str, value: str) -> None:
    with pytest.raises(ConfigError, match=key):
        load_settings(env_file=None, environ={key: value})


def test_retention_days_is_read_and_the_error_says_the_fix(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_text("RETENTION_DAYS=365\n")
    assert load_settings(env_file=env, environ={}).retention_days == 365
    assert load_settings(env_file=env, environ={"RETENTION_DAYS": " 90 "}).retention_days == 90
    assert load_settings(env_file=None, environ={"RETENTION_DAYS": ""}).retention_days == 730
    with pytest.raises(ConfigError) as err:
        load_settings(env_file=None, environ={"RETENTION_DAYS": "2y"})
    assert "RETENTION_DAYS '2y'" in str(err.value) and "730" in str(err.value)


def test_env_example_lists_retention_days() -> None:
    lines = (ROOT / ".env.example").read_text().splitlines()
    assert "RETENTION_DAYS=730" in lines


def test_prompts_dir_is_the_shipped_folder_unless_set(tmp_path: Path) -> None:
    assert load_settings(env_file=None, environ={}).prompts_dir == ROOT / "prompts"
    assert load_settings(env_file=None, environ={"PROMPTS_DIR": ""}).prompts_dir == ROOT / "prompts"
    chosen = load_settings(env_file=None, environ={"PROMPTS_DIR": str(tmp_path)})
    assert chosen.prompts_dir == tmp_path
    with pytest.raises(ConfigError, match=r"PROMPTS_DIR .* is not a folder"):
        load_settings(env_file=None, environ={"PROMPTS_DIR": str(tmp_path / "missing")})
    assert "PROMPTS_DIR=" in (ROOT / ".env.example").read_text().splitlines()
    assert "| `PROMPTS_DIR` |" in (ROOT / "README.md").read_text()


def test_missing_token_stops_run_with_status_2(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "TELEGRAM_BOT_TOKEN" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_the_pseudonym_key_is_read_kept_secret_and_documented() -> None:
    key = "k" * 40
    settings = load_settings(env_file=None, environ={"PSEUDONYM_KEY": key})
    assert settings.require_pseudonym_key() == key and key in settings.secrets
    with pytest.raises(ConfigError, match=r"PSEUDONYM_KEY is not set: make one with python -c"):
        load_settings(env_file=None, environ={}).require_pseudonym_key()
    assert "PSEUDONYM_KEY=" in (ROOT / ".env.example").read_text().splitlines()
    assert "| `PSEUDONYM_KEY` |" in (ROOT / "README.md").read_text()


def test_missing_pseudonym_key_stops_run_with_status_2(tmp_path: Path) -> None:
    """Before touching the database: nobody can be added or forgotten without it."""
    result = subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "TELEGRAM_BOT_TOKEN": "1:abc"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert (
        result.stderr.startswith("natter: PSEUDONYM_KEY is not set")
        and "Traceback" not in result.stderr
    )
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "natter.db").exists()
