"""How well Natter reads what a comment is (issue 15): bot/language/kinds.py on the labelled
comments in tests/understanding/corpus/comments.jsonl, per half (split.py).

Prints, per half: the share read right, precision and recall per kind, how many of the
suggestions and questions reach /replies ("listed") and how many listed ones truly are, how
many comments called "not feedback" truly are (a wrong one is hidden from the round-ups), and
the cost a comment. Misses are printed for the tuning half only (--show-misses): never read the
held-out half's while tuning. --corpus scores another labelled file in the same format, whole;
--totals-only prints only the figures, never a comment's text.

    python -m benchmarks.comment_kinds [--show-misses] [--corpus PATH] [--totals-only]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

if not __package__:  # run as `python benchmarks/comment_kinds.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import common
from bot.language.kinds import KINDS, NOT_FEEDBACK, CommentKinds, load_kinds
from tests.understanding.corpus.split import half as half_of  # the corpus's own rule

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "understanding" / "corpus"
LISTED = ("suggestion", "question")  # what /replies lists


@dataclass(frozen=True, slots=True)
class Labelled:
    id: str
    text: str
    asked: str
    kind: str


def load(path: Path = CORPUS / "comments.jsonl", half: str | None = None) -> list[Labelled]:
    """The labelled comments in `path`: all of them, or one half's (split.py)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line.strip()]
    return [Labelled(r["id"], r["text"], r["asked"], r["kind"])
            for r in rows if half is None or half_of(r["id"]) == half]  # fmt: skip


def load_half(half: str) -> list[Labelled]:
    return load(half=half)


def read_all(reader: CommentKinds, examples: list[Labelled]) -> list[str]:
    return [reader.read(e.text, e.asked) for e in examples]


def share(hits: int, among: int) -> str:
    return f"{100 * hits / among:.1f}%" if among else "-"


def report(
    half: str, reader: CommentKinds, examples: list[Labelled], show: bool, table: bool = True
) -> None:
    start = time.perf_counter()
    got = read_all(reader, examples)
    cost = common.ms(time.perf_counter() - start) / len(examples)
    rows: list[list[object]] = []
    for kind in KINDS:
        said = sum(g == kind for g in got)
        truly = sum(e.kind == kind for e in examples)
        hits = sum(g == kind == e.kind for g, e in zip(got, examples, strict=True))
        rows.append([kind, truly, share(hits, said), share(hits, truly)])
    if table:
        common.title(f"{half} ({len(examples)} comments)")
        common.table(["kind", "comments", "precision", "recall"], rows)
    right = sum(g == e.kind for g, e in zip(got, examples, strict=True))
    want = [e.kind in LISTED for e in examples]
    listed = [g in LISTED for g in got]
    both = sum(w and g for w, g in zip(want, listed, strict=True))
    hidden = [g == NOT_FEEDBACK for g in got]
    truly_hidden = sum(h and e.kind == NOT_FEEDBACK for h, e in zip(hidden, examples, strict=True))
    print(
        f"comments {half}: read right {share(right, len(examples))}; listed recall "
        f"{share(both, sum(want))} precision {share(both, sum(listed))}; not feedback "
        f"precision {share(truly_hidden, sum(hidden))}; {cost:.3f} ms a comment"
    )
    if show:
        for g, e in zip(got, examples, strict=True):
            if g != e.kind:
                print(f"  {e.kind} read as {g} ({e.asked}): {e.text}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-misses", action="store_true", help="the tuning half's only")
    parser.add_argument("--corpus", type=Path, help="score this labelled file, whole")
    parser.add_argument("--totals-only", action="store_true", help="figures only, no text")
    args = parser.parse_args(argv)
    print(common.machine_line())
    reader = load_kinds()
    table = not args.totals_only
    if args.corpus is not None:
        report(args.corpus.name, reader, load(args.corpus), False, table)
        return 0
    report("tuning half", reader, load_half("tuning"), args.show_misses and table, table)
    report("held_out half", reader, load_half("held_out"), False, table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
