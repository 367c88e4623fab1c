"""Names kept out (issue 15): bot/language/names/ on the labelled sentences in
tests/understanding/corpus/names.jsonl, per half (split.py), or on any file of its shape.

A name (or address, phone, email) is caught when every word of its span is replaced; a word
outside every span that is replaced counts as removed wrongly. Prints, per half: names caught,
each other kind caught, the share of other words removed, and the cost a sentence. Both halves
of names.jsonl have been used for tuning since 2026-12-04, so --show-misses prints either's.

--corpus PATH scores another file (a blind set) whole, as one part; with --totals-only it
prints only the totals and the counts of each kind, never a sentence's words nor a miss, so a
blind set can be scored once without being read.

    python -m benchmarks.names [--show-misses] [--half tuning|held_out|both|all]
    python -m benchmarks.names --corpus PATH --totals-only
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

if not __package__:  # run as `python benchmarks/names.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import common
from bot.language.names import found_in
from bot.language.names import load as load_lists
from tests.understanding.corpus.split import half as half_of

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "understanding" / "corpus"
KINDS = ("name", "address", "phone", "email")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Sentence:
    id: str
    text: str
    spans: tuple[tuple[int, int, str], ...]


@dataclass(frozen=True, slots=True)
class Score:
    caught: dict[str, tuple[int, int]]  # kind -> (caught, total)
    removed: int  # other words replaced
    others: int  # other words in all
    misses: list[str]
    ms: float

    def rate(self, kind: str) -> float:
        caught, total = self.caught[kind]
        return caught / total if total else 0.0

    def over_removal(self) -> float:
        return self.removed / self.others if self.others else 0.0


def load(path: Path = CORPUS / "names.jsonl") -> list[Sentence]:
    """Every labelled sentence of a file of names.jsonl's shape."""
    lines = path.read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line.strip()]
    return [
        Sentence(r["id"], r["text"], tuple((s["start"], s["end"], s["kind"]) for s in r["spans"]))
        for r in rows
    ]


def load_half(half: str) -> list[Sentence]:
    """One half of names.jsonl ("tuning" or "held_out"), or "all" of it."""
    return [s for s in load() if half in ("all", half_of(s.id))]


def score(sentences: list[Sentence]) -> Score:
    caught = {k: [0, 0] for k in KINDS}
    removed = others = 0
    misses: list[str] = []
    load_lists()  # the lists are read once, before the clock starts
    start = time.perf_counter()
    found = [found_in(s.text) for s in sentences]
    ms = common.ms(time.perf_counter() - start) / max(1, len(sentences))
    for sentence, marks in zip(sentences, found, strict=True):
        gone = [(f.start, f.end) for f in marks]

        def replaced(a: int, b: int) -> bool:
            return any(s <= a and b <= e for s, e in gone)  # noqa: B023

        for a, b, kind in sentence.spans:
            words = [(a + m.start(), a + m.end()) for m in _WORD.finditer(sentence.text[a:b])]
            caught[kind][1] += 1
            if all(replaced(x, y) for x, y in words):
                caught[kind][0] += 1
            else:
                misses.append(f"MISSED {kind} {sentence.text[a:b]!r}: {sentence.text}")
        for m in _WORD.finditer(sentence.text):
            if any(a <= m.start() < b for a, b, _ in sentence.spans):
                continue
            others += 1
            if replaced(m.start(), m.end()):
                removed += 1
                misses.append(f"REMOVED {m.group()!r}: {sentence.text}")
    return Score({k: (c, n) for k, (c, n) in caught.items()}, removed, others, misses, ms)


def report(half: str, result: Score, show: bool) -> None:
    common.title(half)
    rows = [[k, n, c, f"{100 * c / n:.1f}%" if n else "-"] for k, (c, n) in result.caught.items()]
    common.table(["kind", "spans", "caught", "share"], rows)
    part = half.removesuffix(" half")
    print(
        f"names {part}: names caught {100 * result.rate('name'):.1f}%, other words removed "
        f"{100 * result.over_removal():.2f}% ({result.removed} of {result.others}), "
        f"{result.ms:.3f} ms a sentence"
    )
    if show:
        for line in result.misses:
            print(f"  {line}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-misses", action="store_true", help="print each miss too")
    parser.add_argument("--half", choices=("tuning", "held_out", "both", "all"), default="both")
    parser.add_argument("--corpus", type=Path, help="score this file whole instead")
    parser.add_argument(
        "--totals-only", action="store_true", help="only the totals: no sentence, no miss"
    )
    args = parser.parse_args(argv)
    print(common.machine_line())
    if args.corpus is not None:
        report(
            args.corpus.name, score(load(args.corpus)), args.show_misses and not args.totals_only
        )
        return 0
    parts = ("tuning", "held_out") if args.half == "both" else (args.half,)
    for half in parts:
        report(
            half if half == "all" else f"{half} half",
            score(load_half(half)),
            args.show_misses and not args.totals_only,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
