"""WHISPER_MODEL, WHISPER_DEVICE and VOICE_WORKERS: a bad one stops start-up with one sentence."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.runtime.settings import ConfigError, load_settings
from tests.support.keys import PSEUDONYM_KEY

ROOT = Path(__file__).resolve().parents[2]


def test_no_setting_means_the_built_in_engine() -> None:
    settings = load_settings(env_file=None, environ={})
    assert (settings.whisper_model, settings.whisper_device, settings.voice_workers) == (
        None, "cpu", 1,
    )  # fmt: skip


def test_a_model_folder_and_device_are_read(tmp_path: Path) -> None:
    environ = {"WHISPER_MODEL": str(tmp_path), "WHISPER_DEVICE": "CUDA", "VOICE_WORKERS": "3"}
    settings = load_settings(env_file=None, environ=environ)
    assert (settings.whisper_model, settings.whisper_device, settings.voice_workers) == (
        tmp_path, "cuda", 3,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("key", "value", "says"),
    [
        ("WHISPER_MODEL", "/no/such/folder", "WHISPER_MODEL '/no/such/folder' is not a folder"),
        ("WHISPER_DEVICE", "gpu", "WHISPER_DEVICE 'gpu' is not cpu or cuda"),
        ("VOICE_WORKERS", "0", "VOICE_WORKERS '0' is not a number from 1 to 16"),
    ],
)
def test_a_bad_voice_setting_is_one_sentence(key: str, value: str, says: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(env_file=None, environ={key: value})
    message = str(caught.value)
    assert message.startswith(says) and message.count(". ") == 0 and message.endswith(".")


def run(tmp_path: Path, model: Path) -> subprocess.CompletedProcess[str]:
    env = {
        "PATH": os.environ["PATH"], "PYTHONPATH": str(ROOT), "TELEGRAM_BOT_TOKEN": "123456:TEST",
        "PSEUDONYM_KEY": PSEUDONYM_KEY, "WHISPER_MODEL": str(model),
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/natter.db",
        # Nothing answers here: start-up must stop on the model before it ever asks.
        "TELEGRAM_BASE_URL": "http://127.0.0.1:9/bot",
    }  # fmt: skip
    return subprocess.run(
        [sys.executable, "-m", "bot", "run"], cwd=tmp_path, env=env, capture_output=True,
        text=True, timeout=120,
    )  # fmt: skip


def test_natter_run_stops_on_a_folder_without_a_model(tmp_path: Path) -> None:
    empty = tmp_path / "model"
    empty.mkdir()
    done = run(tmp_path, empty)
    assert done.returncode == 2, done.stderr
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith("natter: WHISPER_MODEL") and "is not a Whisper model folder" in line


def test_natter_run_stops_on_an_unreadable_model(tmp_path: Path) -> None:
    broken = tmp_path / "model"
    broken.mkdir()
    (broken / "model.bin").write_bytes(b"\x00" * 64)
    (broken / "config.json").write_text("{}")
    done = run(tmp_path, broken)
    assert done.returncode == 2, done.stderr
    (line,) = done.stderr.strip().splitlines()
    assert "could not be read as a CTranslate2 Whisper model" in line
    assert not (tmp_path / "natter.db").exists()  # stopped before touching the database
