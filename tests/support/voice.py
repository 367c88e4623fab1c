"""Hearing voice notes in flow tests: an engine that hears a known sentence, and the read-back
as the person gets it (the fixtures `hear` and `seeded` are in tests/voice/conftest.py)."""

from __future__ import annotations

from collections.abc import Callable

from bot import voice
from storage.models import Comment, Outbox
from tests.support.harness import Harness, joined
from tests.support.outbox import Told, told

STAFF, ANN, VOL = 7100, 7200, 7300


class Hears:
    """An engine that hears what the test says it does (a negative confidence: it breaks)."""

    name = "fake"

    def __init__(self, heard: voice.Transcript) -> None:
        self.heard = heard

    def transcribe(self, samples: voice.Samples) -> voice.Transcript:
        assert len(samples) > 0  # it was fetched and decoded
        if self.heard.confidence < 0:
            raise RuntimeError("the engine broke")
        return self.heard


Hear = Callable[[str, float], voice.VoiceWorker]


async def read_back(harness: Harness, worker: voice.VoiceWorker, chat: int = ANN) -> Told:
    """What the person is sent once their note is heard, in the order it goes (help for danger
    is a message of its own, before the read-back)."""
    await worker.drain()
    rows = [r for r in await harness.rows(Outbox) if r.kind == "voice" and r.chat_id == chat]
    assert rows
    parts = [told(row) for row in sorted(rows, key=lambda r: (r.priority, r.id))]
    return Told(
        [text for part in parts for text in part.texts],
        [row for part in parts for row in part.buttons],
        [file for part in parts for file in part.files],
    )


async def the_note(harness: Harness) -> Comment:
    (comment,) = await harness.rows(Comment, Comment.voice_file_id.is_not(None))
    assert isinstance(comment, Comment)
    return comment


async def press(harness: Harness, said: Told, label: str, user: int = ANN) -> str:
    (data,) = [d for row in said.buttons for text, d in row if text == label]
    return joined(await harness.press(user, data))
