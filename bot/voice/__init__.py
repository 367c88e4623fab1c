"""Voice notes become words on Natter's own server: fetched, decoded and transcribed in memory,
screened like typed words, read back, and listened to by staff when Natter is unsure."""

from bot.voice.audio import RATE, UnreadableAudio, decode, parts
from bot.voice.engines import (
    UNSURE_BELOW,
    EngineError,
    Samples,
    Transcriber,
    Transcript,
    WhisperEngine,
    bundled_model_dir,
    default_engine,
)
from bot.voice.listening import listen, to_listen
from bot.voice.readback import answer, corrected, heard, spoken
from bot.voice.service import engine_for, hear_again, start_worker
from bot.voice.worker import Fetch, MakeEngine, VoiceJob, VoiceWorker, transcribe_all

__all__ = [
    "RATE",
    "UNSURE_BELOW",
    "EngineError",
    "Fetch",
    "MakeEngine",
    "Samples",
    "Transcriber",
    "Transcript",
    "UnreadableAudio",
    "VoiceJob",
    "VoiceWorker",
    "WhisperEngine",
    "answer",
    "bundled_model_dir",
    "corrected",
    "decode",
    "default_engine",
    "engine_for",
    "hear_again",
    "heard",
    "listen",
    "parts",
    "spoken",
    "start_worker",
    "to_listen",
    "transcribe_all",
]
