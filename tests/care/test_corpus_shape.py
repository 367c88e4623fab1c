"""The shape of the JSONL safeguarding corpus (tests/care/corpus/*.jsonl).

These tests check the files only: every line is a JSON object of the agreed shape, ids are
unique, topics come from the list, each half has enough of each topic, no message is in both
halves, and the halves follow the split rule in tests/care/corpus/README.md. They never run
the matcher. A failure names ids and line numbers, never a held-out message's text.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parent / "corpus"
HALVES = ("tuning", "held_out")
CRISIS_TOPICS = ("danger_to_life", "self_harm", "falls", "abuse", "neglect", "loneliness")
TOPICS = (*CRISIS_TOPICS, "none")
FIELDS = {"id", "text", "topic", "style"}
ID_PATTERN = re.compile(r"c\d{4}")
STYLE_PATTERN = re.compile(r"[a-z][a-z_]{0,19}")
MAX_CHARS = 1500

# The floors the corpus was written to: at least 75 messages per crisis topic and 450
# crisis and 450 look-alike messages in all, split in half.
MIN_PER_CRISIS_TOPIC = 75
MIN_CRISIS_PER_HALF = 225
MIN_NONE_PER_HALF = 225
MIN_PER_CRISIS_TOPIC_PER_HALF = MIN_PER_CRISIS_TOPIC // 2

Message = dict[str, str]


def read_lines(half: str) -> list[str]:
    return (CORPUS / f"{half}.jsonl").read_text(encoding="utf-8").splitlines()


def load(half: str) -> list[Message]:
    messages: list[Message] = []
    for number, line in enumerate(read_lines(half), start=1):
        value = json.loads(line)
        assert isinstance(value, dict), f"{half}.jsonl line {number}: not a JSON object"
        messages.append(value)
    return messages


def squash(text: str) -> str:
    """The text with case, spaces and punctuation ignored, for spotting repeats."""
    return re.sub(r"[^a-z0-9]+", "", text.lower())


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@pytest.mark.parametrize("half", HALVES)
def test_every_line_is_a_json_object_of_the_agreed_shape(half: str) -> None:
    lines = read_lines(half)
    assert lines, f"{half}.jsonl is empty"
    problems: list[str] = []
    for number, line in enumerate(lines, start=1):
        where = f"{half}.jsonl line {number}"
        try:
            value = json.loads(line)
        except json.JSONDecodeError as error:
            problems.append(f"{where}: not valid JSON ({error.msg} at column {error.colno})")
            continue
        if not isinstance(value, dict):
            problems.append(f"{where}: not a JSON object")
        elif set(value) != FIELDS:
            problems.append(f"{where}: fields are {sorted(value)}, want {sorted(FIELDS)}")
        elif not all(isinstance(value[field], str) for field in FIELDS):
            problems.append(f"{where}: every field must be a string")
        else:
            if not ID_PATTERN.fullmatch(value["id"]):
                problems.append(f"{where}: id {value['id']!r} is not c and four digits")
            if value["topic"] not in TOPICS:
                problems.append(f"{where}: unknown topic {value['topic']!r}")
            if not STYLE_PATTERN.fullmatch(value["style"]):
                problems.append(f"{where}: style {value['style']!r} is not a short tag")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("half", HALVES)
def test_every_text_is_non_empty_and_under_the_length_limit(half: str) -> None:
    # Problems name the id and the length, not the text (held-out text is never printed).
    problems: list[str] = []
    for message in load(half):
        text = message["text"]
        if not text.strip():
            problems.append(f"{message['id']}: empty text")
        elif text != text.strip():
            problems.append(f"{message['id']}: leading or trailing space")
        if len(text) >= MAX_CHARS:
            problems.append(f"{message['id']}: {len(text)} characters, limit {MAX_CHARS}")
    assert not problems, "\n".join(problems)


def test_ids_are_unique_across_both_halves() -> None:
    ids = Counter(message["id"] for half in HALVES for message in load(half))
    repeated = sorted(key for key, count in ids.items() if count > 1)
    assert not repeated, f"ids used more than once: {repeated}"


def test_no_text_appears_twice_in_a_half_or_in_both_halves() -> None:
    seen: dict[str, str] = {}
    repeats: list[str] = []
    for half in HALVES:
        for message in load(half):
            key = squash(message["text"])
            if key in seen:
                repeats.append(f"{half}:{message['id']} repeats {seen[key]}")
            else:
                seen[key] = f"{half}:{message['id']}"
    assert not repeats, repeats


@pytest.mark.parametrize("half", HALVES)
def test_each_half_meets_the_minimum_counts(half: str) -> None:
    counts = Counter(message["topic"] for message in load(half))
    for topic in CRISIS_TOPICS:
        assert counts[topic] >= MIN_PER_CRISIS_TOPIC_PER_HALF, f"{half}: {topic} {counts[topic]}"
    crisis = sum(counts[topic] for topic in CRISIS_TOPICS)
    assert crisis >= MIN_CRISIS_PER_HALF, f"{half}: {crisis} crisis messages"
    assert counts["none"] >= MIN_NONE_PER_HALF, f"{half}: {counts['none']} look-alikes"


def test_the_whole_corpus_meets_the_minimum_per_crisis_topic() -> None:
    counts = Counter(message["topic"] for half in HALVES for message in load(half))
    for topic in CRISIS_TOPICS:
        assert counts[topic] >= MIN_PER_CRISIS_TOPIC, f"{topic}: {counts[topic]} in all"


def test_the_halves_follow_the_split_rule() -> None:
    """Within each topic, sorted by SHA-256 of the text: 1st, 3rd, ... tuning; 2nd, ... held out.

    The rule is redone from the union of the halves, so a message moved by hand between the
    halves (or added to one of them) shows up here.
    """
    half_of = {message["id"]: half for half in HALVES for message in load(half)}
    everything = [message for half in HALVES for message in load(half)]
    wrong: list[str] = []
    for topic in TOPICS:
        ranked = sorted(
            (message for message in everything if message["topic"] == topic),
            key=lambda message: sha256(message["text"]),
        )
        for position, message in enumerate(ranked):
            want = HALVES[position % 2]
            if half_of[message["id"]] != want:
                wrong.append(f"{message['id']} ({topic}) is in {half_of[message['id']]}")
    assert not wrong, wrong
