"""Voice settings (WHISPER_MODEL, WHISPER_DEVICE, VOICE_WORKERS), read by bot.runtime.settings."""

from __future__ import annotations

from pathlib import Path

from bot.runtime.errors import ConfigError


def whisper_model(value: str | None) -> Path | None:
    if not value:
        return None
    if not Path(value).is_dir():
        raise ConfigError(
            f"WHISPER_MODEL {value!r} is not a folder: point it at a Whisper model folder "
            "(see the README on getting one), or leave it empty to use the built-in one."
        )
    return Path(value)


def whisper_device(value: str | None) -> str:
    device = (value or "cpu").strip().lower()
    if device not in ("cpu", "cuda"):
        raise ConfigError(f"WHISPER_DEVICE {value!r} is not cpu or cuda: set one of the two.")
    return device


def voice_workers(value: str | None) -> int:
    text = (value or "1").strip()
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= 16:
        raise ConfigError(
            f"VOICE_WORKERS {value!r} is not a number from 1 to 16: set how many voice notes "
            "may be transcribed at once (1 per spare processor core)."
        )
    return int(text)
