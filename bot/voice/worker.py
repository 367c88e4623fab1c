"""The queue between a voice note arriving and its words: fetched, decoded and transcribed off
the event loop (a thread pool), so the bot keeps answering meanwhile.

The audio lives only in this process's memory for the length of one job: fetched as bytes,
decoded to samples, transcribed, and dropped. Nothing is written to disk.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from bot.voice.audio import UnreadableAudio, decode, parts
from bot.voice.engines import Samples, Transcriber, Transcript

log = logging.getLogger(__name__)

Fetch = Callable[[str], Awaitable[bytes]]
Heard = Callable[["VoiceJob", Transcript | None], Awaitable[None]]
MakeEngine = Callable[[], Transcriber]


@dataclass(frozen=True, slots=True)
class VoiceJob:
    """A stored voice note to transcribe: where it came from, and Telegram's file id."""

    chat_id: int
    message_id: int
    file_id: str


class VoiceWorker:
    """`workers` threads, each with an engine of its own (made on first use in that thread)."""

    def __init__(
        self, fetch: Fetch, make_engine: MakeEngine, heard: Heard, workers: int = 1
    ) -> None:
        self._fetch, self._make_engine, self._heard = fetch, make_engine, heard
        self._queue: asyncio.Queue[VoiceJob] = asyncio.Queue()
        self._pool = ThreadPoolExecutor(workers, thread_name_prefix="voice")
        self._local = threading.local()
        self._tasks: list[asyncio.Task[None]] = []
        self._workers = workers

    def submit(self, job: VoiceJob) -> None:
        if not self._tasks:
            self._tasks = [asyncio.create_task(self._run()) for _ in range(self._workers)]
        self._queue.put_nowait(job)

    @property
    def waiting(self) -> int:
        return self._queue.qsize()

    async def drain(self) -> None:
        """Until every note submitted so far has been heard (tests, and a polite stop)."""
        await self._queue.join()

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks = []
        self._pool.shutdown(wait=False, cancel_futures=True)

    async def _run(self) -> None:
        while True:
            job = await self._queue.get()
            try:
                await self._one(job)
            except Exception:  # one note failing must not stop the others
                log.exception("voice note %s/%s not handled", job.chat_id, job.message_id)
            finally:
                self._queue.task_done()

    async def _one(self, job: VoiceJob) -> None:
        result: Transcript | None
        try:
            result = await self._hear(job)
        except UnreadableAudio as err:
            log.warning("voice note %s/%s unreadable: %s", job.chat_id, job.message_id, err)
            result = None
        except Exception as err:
            log.warning(
                "voice note %s/%s not transcribed: %s", job.chat_id, job.message_id,
                type(err).__name__,
            )  # fmt: skip
            result = None
        await self._heard(job, result)

    async def _hear(self, job: VoiceJob) -> Transcript:
        """The audio is a local here: fetched, heard in a worker thread, and gone on return."""
        data = await self._fetch(job.file_id)
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, self._transcribe, data)

    def _transcribe(self, data: bytes) -> Transcript:
        made: Transcriber | None = getattr(self._local, "transcriber", None)
        if made is None:
            made = self._local.transcriber = self._make_engine()
        return transcribe_all(made, decode(data))


def transcribe_all(engine: Transcriber, samples: Samples) -> Transcript:
    """A note of any length, in parts of two minutes; its confidence the parts' mean, by length."""
    heard = [(engine.transcribe(part), len(part)) for part in parts(samples)]
    text = " ".join(t.text for t, _ in heard if t.text).strip()
    total = sum(size for _, size in heard)
    confidence = sum(t.confidence * size for t, size in heard) / total if total else 0.0
    return Transcript(text, round(confidence, 3))
