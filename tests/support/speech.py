"""Speech for the voice tests: espeak-ng's British English voice, encoded to OGG/Opus at 16 kHz
by opus-tools, as Telegram sends a voice note (both Debian packages; .ci/run installs them)."""

from __future__ import annotations

import io
import subprocess
import wave
from functools import cache

VOICE = "en-gb"
WORDS_PER_MINUTE = 150
RATE = 16_000


@cache
def spoken(text: str, *, rate: int = WORDS_PER_MINUTE) -> bytes:
    """`text` said aloud, as the bytes of an OGG/Opus voice note (made once per test run)."""
    wav = subprocess.run(
        ["espeak-ng", "-v", VOICE, "-s", str(rate), "--stdout", text],
        check=True, capture_output=True, timeout=60,
    ).stdout  # fmt: skip
    return ogg(wav)


def ogg(wav: bytes) -> bytes:
    return subprocess.run(
        ["opusenc", "--quiet", "--bitrate", "24", "-", "-"],
        input=wav, check=True, capture_output=True, timeout=60,
    ).stdout  # fmt: skip


@cache
def silence(seconds: float) -> bytes:
    """A voice note of nothing at all: a quiet room, as OGG/Opus."""
    frames = int(seconds * RATE)
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(b"\0\0" * frames)
    return ogg(buffer.getvalue())
