"""The shape of the blind held-out set, tests/care/corpus/fresh.jsonl (FRESH.md says who wrote it).

Files only, like test_corpus_shape: the agreed fields, ids f and four digits, known topics, the
issue's minimum counts (400 crisis messages and 400 look-alikes), and nothing copied from the
tuning data. Failures name ids, never a held-out message's text.
"""

from __future__ import annotations

import json
import re
from collections import Counter

import yaml

from tests.care.test_corpus_shape import (
    CORPUS,
    CRISIS_TOPICS,
    FIELDS,
    HALVES,
    MAX_CHARS,
    STYLE_PATTERN,
    TOPICS,
    load,
    squash,
)

FRESH_ID = re.compile(r"f\d{4}")
MIN_CRISIS, MIN_NONE, MIN_PER_TOPIC = 400, 400, 60
SHORT = 12


def fresh() -> list[dict[str, str]]:
    lines = (CORPUS / "fresh.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def test_every_line_has_the_agreed_shape() -> None:
    problems = []
    for number, value in enumerate(fresh(), start=1):
        if not isinstance(value, dict) or set(value) != FIELDS:
            problems.append(f"line {number}: not an object with {sorted(FIELDS)}")
        elif not FRESH_ID.fullmatch(value["id"]) or value["topic"] not in TOPICS:
            problems.append(f"line {number}: id {value['id']!r} or topic {value['topic']!r}")
        elif not STYLE_PATTERN.fullmatch(value["style"]) or not value["text"].strip():
            problems.append(f"{value['id']}: style or empty text")
        elif len(value["text"]) >= MAX_CHARS:
            problems.append(f"{value['id']}: {len(value['text'])} characters")
    assert not problems, problems


def test_ids_are_unique_and_the_counts_meet_the_issue() -> None:
    messages = fresh()
    ids = Counter(message["id"] for message in messages)
    assert [key for key, count in ids.items() if count > 1] == []
    counts = Counter(message["topic"] for message in messages)
    assert sum(counts[topic] for topic in CRISIS_TOPICS) >= MIN_CRISIS, counts
    assert counts["none"] >= MIN_NONE, counts
    assert min(counts[topic] for topic in CRISIS_TOPICS) >= MIN_PER_TOPIC, counts


def test_no_message_is_copied_from_the_tuning_data() -> None:
    """Short, common ways of saying it ("so alone", "i want to die") are written by anyone, so a
    few of up to SHORT words are also in the tuning data; a longer one would be copied."""
    tuning = {squash(message["text"]) for half in HALVES for message in load(half)}
    for half in HALVES:
        entries = yaml.safe_load((CORPUS / f"{half}.yaml").read_text(encoding="utf-8"))
        tuning |= {squash(entry["text"]) for entry in entries["messages"]}
    seen: set[str] = set()
    clashes = []
    for message in fresh():
        key = squash(message["text"])
        if key in seen or (key in tuning and len(message["text"].split()) > SHORT):
            clashes.append(message["id"])
        seen.add(key)
    assert not clashes, clashes
