"""Safeguarding detection on the labelled corpus (issue 13): recall and false alarms per topic.

Reads the corpora in tests/care/corpus. The first (tuning.yaml / held_out.yaml) and the second
(tuning.jsonl / held_out.jsonl, lines {"id", "text", "topic", "style"}) were each split once into
a tuning and a held-out half; both held-out halves were later read while tuning, so all four are
tuning data now ("all" adds them together). fresh.jsonl, written blind (FRESH.md), was the
held-out measure until it was scored (BENCHMARKS.md section 10) and is tuning data now too, as
are fresh2.jsonl to fresh7.jsonl, the second to seventh blind sets (FRESH2.md to FRESH7.md;
sections 17, 20, 22, 22b, 30 and 31; fresh6 spent since 2026-12-07, fresh7 since 2026-12-08).
The held-out measure will be an eighth blind set, being written by someone else: HELD_OUT names
it once it is in the repository (until then no held-out set is scored); it is printed as totals
only, never its misses, and the model's training never reads it.
A crisis message is caught when the screen raises any concern (every concern alerts the team);
"right topic" counts those whose most urgent concern is the labelled topic. A false alarm is a
look-alike ("none") with any concern. Misses and false alarms are printed for the half
--show-misses names. Cost is the CPU time (time.process_time, so other processes on the machine
count less) of `concerns(text)` per message, the median of --repeat runs, after one warm-up pass
over the half; the first, cold pass (every word new to the cache) is reported too.

    python -m benchmarks.safeguarding [--repeat 5]
        [--show-misses tuning|held_out|fresh|fresh2|...|fresh7|none]

Machine line first, then a table per half, then one line per corpus and half:
    safeguarding <corpus> <half>: recall R% false_alarms F% mean M ms p99 P ms
and last, once HELD_OUT names a set, where the goal is judged.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

if not __package__:  # run as `python benchmarks/safeguarding.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import yaml

from benchmarks import common
from bot.language import Detector, load_detector

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "care" / "corpus"
HALVES = ("tuning", "held_out")
TOPICS = ("danger_to_life", "self_harm", "falls", "abuse", "neglect", "loneliness")
# The goal on the held-out half, and the floors the test holds on both halves.
GOAL_RECALL, GOAL_FALSE_ALARMS, GOAL_MEAN_MS, GOAL_P99_MS = 0.95, 0.03, 0.2, 1.0


@dataclass(frozen=True, slots=True)
class Example:
    id: str
    text: str
    topic: str


@dataclass(frozen=True, slots=True)
class Score:
    half: str
    caught: dict[str, tuple[int, int]]  # topic -> (caught, total); "none": (alarms, total)
    right_topic: int
    misses: list[tuple[Example, str]]  # example and what was found ("" for nothing)
    times_ms: list[float]
    cold_ms: list[float]

    def recall(self, topic: str | None = None) -> float:
        pairs = [self.caught[t] for t in (TOPICS if topic is None else (topic,))]
        total = sum(n for _, n in pairs)
        return sum(c for c, _ in pairs) / total if total else 0.0

    def false_alarms(self) -> float:
        alarms, total = self.caught["none"]
        return alarms / total if total else 0.0


CORPORA = ("first", "second")
# Written blind, each by someone who never saw the cues.
BLIND = ("fresh", "fresh2", "fresh3", "fresh4", "fresh5", "fresh6", "fresh7")
ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh")
# The eighth blind set once the lead adds it: never tuned on, its misses never printed.
HELD_OUT: str | None = "fresh8"


def load(half: str, corpus: str = "all") -> list[Example]:
    """One half of one corpus ("first": the YAML files, "second": the JSONL ones) or of both;
    halves "fresh" to "fresh7" are the seven blind sets (tuning data now), HELD_OUT the held-out
    one."""
    found: list[Example] = []
    if half in BLIND or half == HELD_OUT:
        lines = (CORPUS / f"{half}.jsonl").read_text(encoding="utf-8").splitlines()
        rows = [json.loads(line) for line in lines if line.strip()]
        return [Example(str(r["id"]), r["text"], r["topic"]) for r in rows]
    if corpus in ("first", "all"):
        path = CORPUS / f"{half}.yaml"
        entries = yaml.safe_load(path.read_text(encoding="utf-8"))["messages"]
        found += [Example(f"{half}:{n}", e["text"], e["topic"]) for n, e in enumerate(entries)]
    if corpus in ("second", "all"):
        lines = (CORPUS / f"{half}.jsonl").read_text(encoding="utf-8").splitlines()
        rows = [json.loads(line) for line in lines if line.strip()]
        found += [Example(str(r["id"]), r["text"], r["topic"]) for r in rows]
    return found


def score(detector: Detector, half: str, examples: list[Example], repeat: int = 1) -> Score:
    cold = []
    for example in examples:  # warm-up: the per-word cache fills as it would in a running bot
        start = time.process_time()
        detector.concerns(example.text)
        cold.append(common.ms(time.process_time() - start))
    counts = {t: [0, 0] for t in (*TOPICS, "none")}
    right, misses, times = 0, [], []
    for example in examples:
        found = detector.concerns(example.text)
        runs = []
        for _ in range(repeat):
            start = time.process_time()
            detector.concerns(example.text)
            runs.append(common.ms(time.process_time() - start))
        times.append(sorted(runs)[len(runs) // 2])  # the median: other processes share the CPUs
        counts[example.topic][1] += 1
        said = "; ".join(f"{c.topic}: {c.phrase!r}" for c in found[:3])
        if example.topic == "none":
            counts["none"][0] += bool(found)
            if found:
                misses.append((example, said))
        elif found:
            counts[example.topic][0] += 1
            right += found[0].topic == example.topic
        else:
            misses.append((example, ""))
    caught = {t: (c, n) for t, (c, n) in counts.items()}
    return Score(half, caught, right, misses, times, cold)


def report(result: Score, show_misses: bool) -> None:
    common.title(result.half)
    rows: list[list[object]] = []
    for topic in TOPICS:
        c, n = result.caught[topic]
        rows.append([topic, n, c, f"{100 * c / n:.1f}%" if n else "-", ""])
    alarms, none = result.caught["none"]
    crisis = sum(n for t, (_, n) in result.caught.items() if t != "none")
    rows.append(["all crisis", crisis, sum(c for t, (c, _) in result.caught.items() if t != "none"),
                 f"{100 * result.recall():.1f}%", ""])  # fmt: skip
    rows.append(["none (false alarms)", none, alarms, "", f"{100 * result.false_alarms():.1f}%"])
    common.table(["topic", "messages", "caught", "recall", "false alarms"], rows)
    crisis_caught = sum(c for t, (c, _) in result.caught.items() if t != "none")
    print(f"right topic first: {result.right_topic} of {crisis_caught} caught")
    cost = common.summarize(result.times_ms)
    print(
        f"cost per message: mean {cost.mean:.3f} ms, p99 {cost.p99:.3f} ms, max {cost.max:.3f} ms"
    )
    cold = common.summarize(result.cold_ms)
    print(f"first read (cold cache): mean {cold.mean:.3f} ms, p99 {cold.p99:.3f} ms")
    if show_misses:
        for example, said in result.misses:
            kind = f"FALSE ALARM ({said})" if example.topic == "none" else f"MISS {example.topic}"
            print(f"  {kind}: {example.text}")


def _line(name: str, result: Score) -> None:
    cost = common.summarize(result.times_ms)
    print(
        f"safeguarding {name}: recall {100 * result.recall():.1f}% false_alarms "
        f"{100 * result.false_alarms():.1f}% mean {cost.mean:.3f} ms p99 {cost.p99:.3f} ms"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--show-misses", choices=("tuning", "held_out", *BLIND, "none"), default="tuning"
    )
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of each message")
    args = parser.parse_args(argv)
    print(common.machine_line())
    detector = load_detector()
    for corpus in (*CORPORA, "all"):
        for half in HALVES:
            name = f"{corpus} corpus, {half} half"
            result = score(detector, name, load(half, corpus), args.repeat)
            report(result, show_misses=args.show_misses == half and corpus != "all")
            _line(f"{corpus} {half}", result)
    for n, blind in enumerate(BLIND):
        name = f"{blind} ({ORDINALS[n]} blind set, tuning data now)"
        result = score(detector, name, load(blind), args.repeat)
        report(result, show_misses=args.show_misses == blind)
        _line(blind, result)
    if HELD_OUT is None:
        print("\nno held-out set yet: the goal is judged on the eighth blind set once it is added")
        return 0
    name = f"{HELD_OUT} (eighth blind set, held out)"
    result = score(detector, name, load(HELD_OUT), args.repeat)
    report(result, show_misses=False)
    _line(HELD_OUT, result)
    cost = common.summarize(result.times_ms)
    met = (
        result.recall() >= GOAL_RECALL
        and result.false_alarms() <= GOAL_FALSE_ALARMS
        and cost.mean < GOAL_MEAN_MS
        and cost.p99 < GOAL_P99_MS
    )
    print(
        f"\ngoal on {HELD_OUT}, held out (recall >= {GOAL_RECALL:.0%}, false alarms <= "
        f"{GOAL_FALSE_ALARMS:.0%}, mean < {GOAL_MEAN_MS} ms, p99 < {GOAL_P99_MS} ms): "
        f"{'MET' if met else 'NOT MET'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
