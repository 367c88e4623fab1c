"""Wiring a process's voice worker: which engine, and what happens once a note is heard."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from bot.core import Deps
from bot.voice.engines import Transcript, WhisperEngine, default_engine
from bot.voice.readback import heard
from bot.voice.worker import Fetch, MakeEngine, VoiceJob, VoiceWorker
from storage.db import Database
from storage.repositories import voice as voice_repo

AGAIN_WITHIN = timedelta(days=1)


def engine_for(model_dir: Path | None, device: str = "cpu") -> MakeEngine:
    """The built-in engine, or Whisper on the operator's model folder (WHISPER_MODEL)."""
    if model_dir is None:
        return default_engine
    return lambda: WhisperEngine(model_dir, device=device)


def start_worker(
    db: Database, deps: Deps, fetch: Fetch, make_engine: MakeEngine, workers: int = 1
) -> VoiceWorker:
    """A worker whose heard notes are stored, screened and read back, each in a unit of work."""

    async def done(job: VoiceJob, result: Transcript | None) -> None:
        await db.run(lambda session: heard(session, deps, job, result))

    return VoiceWorker(fetch, make_engine, done, workers)


async def hear_again(db: Database, deps: Deps, worker: VoiceWorker) -> int:
    """At start-up: notes of the last day left without words by a stop are heard now."""
    async with db.transaction() as session:
        waiting = await voice_repo.unheard(session, deps.now() - AGAIN_WITHIN)
    for chat_id, message_id, file_id in waiting:
        worker.submit(VoiceJob(chat_id, message_id, file_id))
    return len(waiting)
