"""Voice notes decoded in memory: OGG/Opus bytes to 16 kHz mono samples, never to a file."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import TYPE_CHECKING

from bot.voice.engines import Samples

if TYPE_CHECKING:
    import av

RATE = 16_000
PART_SECONDS = 120  # longer notes are transcribed in parts of two minutes


class UnreadableAudio(Exception):
    """The bytes are not audio PyAV can decode."""


def decode(data: bytes) -> Samples:
    """Every channel mixed to one at 16 kHz, as float32 in -1..1 (PyAV ships its codecs)."""
    import av
    import numpy as np

    chunks: list[Samples] = []
    try:
        with av.open(io.BytesIO(data), mode="r") as container:
            if not container.streams.audio:
                raise UnreadableAudio("no audio stream")
            resampler = av.AudioResampler(format="flt", layout="mono", rate=RATE)
            for frame in container.decode(audio=0):
                chunks += [_mono(f) for f in resampler.resample(frame)]
            chunks += [_mono(f) for f in resampler.resample(None)]
    except (av.FFmpegError, ValueError, IndexError) as err:
        raise UnreadableAudio(type(err).__name__) from None
    return np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.float32)


def _mono(frame: av.AudioFrame) -> Samples:
    import numpy as np

    return np.asarray(frame.to_ndarray(), dtype=np.float32).reshape(-1)


def parts(samples: Samples, seconds: int = PART_SECONDS) -> Iterator[Samples]:
    """The note in pieces of at most `seconds` (a note of none yields nothing)."""
    step = seconds * RATE
    for start in range(0, len(samples), step):
        yield samples[start : start + step]
