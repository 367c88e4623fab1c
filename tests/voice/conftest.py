"""The voice flow tests' fixtures: a harness whose voice notes an engine hears as told."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot import voice
from tests.support.harness import Harness, join
from tests.support.seed import Seeded, seed_project
from tests.support.speech import silence
from tests.support.voice import ANN, STAFF, Hear, Hears


@pytest.fixture
async def hear(harness: Harness) -> AsyncIterator[Hear]:
    """hear(text, confidence): from now on, voice notes are heard as `text`."""
    workers: list[voice.VoiceWorker] = []

    async def fetch(file_id: str) -> bytes:
        assert file_id.startswith("voice-")
        return silence(1.0)

    def make(text: str, confidence: float = 0.9) -> voice.VoiceWorker:
        heard = voice.Transcript(text, confidence)
        deps = harness.app.bot_data.deps
        worker = voice.start_worker(harness.db, deps, fetch, lambda: Hears(heard))
        harness.app.bot_data.voice = worker
        workers.append(worker)
        return worker

    yield make
    for worker in workers:
        await worker.stop()


@pytest.fixture
async def seeded(harness: Harness) -> Seeded:
    """A project with its staff member, and Ann, who joined and skipped the questions."""
    seeded = await seed_project(harness.db)
    await join(harness, STAFF, seeded.staff_code)
    calls = await join(harness, ANN, seeded.participant_code)
    for _ in range(4):
        calls = await harness.press_button(ANN, calls, "Skip")
    return seeded
