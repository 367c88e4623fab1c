"""The engines and the decoding, on real speech: espeak-ng's British English, in OGG/Opus."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import numpy as np
import pytest

from bot import voice
from bot.voice.worker import VoiceJob
from tests.support.speech import silence, spoken

SENTENCE = "I had a lovely time at the coffee morning, but the hall was far too cold."


@pytest.fixture(scope="module")
def engine() -> voice.Transcriber:
    return voice.default_engine()


def test_a_voice_note_decodes_in_memory_to_16_khz_mono() -> None:
    samples = voice.decode(spoken(SENTENCE))
    assert samples.dtype == np.float32 and samples.ndim == 1
    assert 3.5 < len(samples) / voice.RATE < 6.5  # espeak-ng says it in about five seconds
    assert 0.05 < float(np.abs(samples).max()) <= 1.0


def test_what_is_not_audio_is_unreadable() -> None:
    with pytest.raises(voice.UnreadableAudio):
        voice.decode(b"OggS this is not a voice note at all")


def test_long_notes_go_in_parts_of_two_minutes() -> None:
    samples = np.zeros(int(voice.RATE * 300.5), dtype=np.float32)
    sizes = [len(p) / voice.RATE for p in voice.parts(samples)]
    assert sizes == [120, 120, 60.5]


def test_the_built_in_engine_hears_british_english(engine: voice.Transcriber) -> None:
    heard = engine.transcribe(voice.decode(spoken(SENTENCE)))
    words = set(heard.text.lower().replace(",", "").replace(".", "").split())
    assert {"lovely", "coffee", "morning", "cold"} <= words, heard
    assert not heard.unsure, heard


def test_a_quiet_room_is_unsure(engine: voice.Transcriber) -> None:
    heard = engine.transcribe(voice.decode(silence(3)))
    assert heard.unsure, heard


def test_parts_are_joined_in_order(engine: voice.Transcriber) -> None:
    one, two = (voice.decode(spoken(s)) for s in ("The hall was cold.", "The cake was lovely."))
    gap = np.zeros(voice.RATE * 119, dtype=np.float32)  # the second sentence starts in part two
    heard = voice.transcribe_all(engine, np.concatenate([one, gap, two]))
    text = heard.text.lower()
    assert "cold" in text and "cake" in text and text.index("cold") < text.index("cake"), heard
    assert "you" not in text.split()  # nothing made up for the silence between


def test_a_missing_model_folder_is_one_sentence(tmp_path: Path) -> None:
    with pytest.raises(voice.EngineError, match=r"^WHISPER_MODEL .* is not a Whisper model folder"):
        voice.WhisperEngine(tmp_path / "nowhere")
    with pytest.raises(voice.EngineError, match=r"needs model\.bin and config\.json"):
        voice.WhisperEngine(tmp_path)


def test_an_unreadable_model_is_one_sentence(tmp_path: Path) -> None:
    (tmp_path / "model.bin").write_bytes(b"not a model")
    (tmp_path / "config.json").write_text("{}")
    with pytest.raises(voice.EngineError, match="could not be read as a CTranslate2 Whisper"):
        voice.WhisperEngine(tmp_path)


def test_whisper_on_a_model_folder_is_the_same_engine(tmp_path: Path) -> None:
    """WHISPER_MODEL pointed at a model folder (here the built-in one) transcribes."""
    engine = voice.engine_for(voice.bundled_model_dir(), "cpu")()
    assert engine.name == "whisper:model"
    assert "lovely" in engine.transcribe(voice.decode(spoken(SENTENCE))).text.lower()


async def test_the_worker_transcribes_off_the_event_loop(engine: voice.Transcriber) -> None:
    """While a note is heard the loop keeps turning; the engine runs on a worker thread."""
    threads: list[str] = []

    class Watched:
        name = "watched"

        def transcribe(self, samples: voice.Samples) -> voice.Transcript:
            threads.append(threading.current_thread().name)
            return engine.transcribe(samples)

    heard: list[voice.Transcript | None] = []

    async def fetch(file_id: str) -> bytes:
        return spoken(SENTENCE)

    async def done(job: VoiceJob, result: voice.Transcript | None) -> None:
        heard.append(result)

    worker = voice.VoiceWorker(fetch, Watched, done)
    worker.submit(VoiceJob(1, 2, "f"))
    ticks = 0
    while not heard:
        await asyncio.sleep(0.01)
        ticks += 1
    await worker.stop()
    assert threads and all(t.startswith("voice") for t in threads)
    assert ticks > 5  # the loop answered all along
    assert heard[0] is not None and "lovely" in heard[0].text.lower()


async def test_a_note_that_cannot_be_fetched_is_heard_as_failed() -> None:
    async def fetch(file_id: str) -> bytes:
        raise OSError("gone")

    heard: list[voice.Transcript | None] = []

    async def done(job: VoiceJob, result: voice.Transcript | None) -> None:
        heard.append(result)

    worker = voice.VoiceWorker(fetch, voice.default_engine, done)
    worker.submit(VoiceJob(1, 2, "f"))
    await worker.drain()
    await worker.stop()
    assert heard == [None]
