"""Check the safeguarding evaluation corpus: shape, labels, duplicates and the split.

Run from the repository root:  python tests/care/corpus/check.py
It reads the two halves (tuning.yaml, held_out.yaml), never the matcher, and exits
non-zero on any problem.
It prints counts per topic per half; it does not print any held-out text.
"""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
TOPICS = ("danger_to_life", "self_harm", "falls", "abuse", "neglect", "loneliness", "none")
MIN_PER_CRISIS_TOPIC = 70
MIN_NONE = 420
FIELDS = {"text", "topic", "why"}


def load(name: str, problems: list[str]) -> list[dict[str, str]]:
    data: Any = yaml.safe_load((HERE / f"{name}.yaml").read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("messages"), list):
        problems.append(f"{name}: top level must be a mapping with a `messages` list")
        return []
    entries: list[dict[str, str]] = []
    for i, entry in enumerate(data["messages"]):
        where = f"{name}[{i}]"
        if not isinstance(entry, dict) or set(entry) != FIELDS:
            problems.append(f"{where}: must have exactly text, topic, why")
            continue
        if not all(isinstance(entry[f], str) and entry[f].strip() for f in FIELDS):
            problems.append(f"{where}: text, topic and why must be non-empty strings")
            continue
        if entry["topic"] not in TOPICS:
            problems.append(f"{where}: unknown topic {entry['topic']!r}")
        entries.append({f: entry[f] for f in FIELDS})
    return entries


def squash(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.lower())


def stratum(entry: dict[str, str]) -> tuple[str, bool]:
    """A topic; look-alikes are further split into hard and ordinary."""
    return entry["topic"], entry["topic"] == "none" and entry["why"].startswith("hard:")


def split(entries: list[dict[str, str]]) -> tuple[set[str], set[str]]:
    """The fixed rule: within each stratum sort by sha256 of the text, alternate."""
    tuning: set[str] = set()
    held_out: set[str] = set()
    for group in sorted({stratum(e) for e in entries}):
        ranked = sorted(
            (e["text"] for e in entries if stratum(e) == group),
            key=lambda t: hashlib.sha256(t.encode("utf-8")).hexdigest(),
        )
        for i, text in enumerate(ranked):
            (tuning if i % 2 == 0 else held_out).add(text)
    return tuning, held_out


def main() -> int:
    problems: list[str] = []
    files = {name: load(name, problems) for name in ("tuning", "held_out")}
    whole = files["tuning"] + files["held_out"]

    # Reported by position, not text, so that no held-out message is ever printed.
    seen: dict[str, str] = {}
    for name, entries in files.items():
        for i, e in enumerate(entries):
            key = squash(e["text"])
            if key in seen:
                problems.append(f"{name}[{i}]: same text as {seen[key]}")
            seen[key] = f"{name}[{i}]"

    want_tuning, want_held = split(whole)
    if {e["text"] for e in files["tuning"]} != want_tuning:
        problems.append("tuning.yaml does not follow the split rule")
    if {e["text"] for e in files["held_out"]} != want_held:
        problems.append("held_out.yaml does not follow the split rule")

    print(f"{'topic':<16}{'tuning':>8}{'held_out':>10}{'total':>8}")
    for topic in TOPICS:
        counts = [sum(e["topic"] == topic for e in files[n]) for n in ("tuning", "held_out")]
        total = sum(e["topic"] == topic for e in whole)
        print(f"{topic:<16}{counts[0]:>8}{counts[1]:>10}{total:>8}")
        floor = MIN_NONE if topic == "none" else MIN_PER_CRISIS_TOPIC
        if total < floor:
            problems.append(f"{topic}: {total} messages, want at least {floor}")
    print(f"{'all':<16}{len(files['tuning']):>8}{len(files['held_out']):>10}{len(whole):>8}")
    hard = [sum(stratum(e)[1] for e in es) for es in (files["tuning"], files["held_out"], whole)]
    print(f"{'none, hard:':<16}{hard[0]:>8}{hard[1]:>10}{hard[2]:>8}")

    for p in problems:
        print("PROBLEM:", p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
