"""The shape of the third to eighth blind sets, tests/care/corpus/fresh3.jsonl (FRESH3.md) to
fresh8.jsonl (FRESH8.md), written to one brief.

Files only, like test_fresh2_corpus_shape: the agreed fields, ids of the set's letter and four
digits in writing order, topics grouped in the agreed order, the brief's minimum counts, no
repeats, and nothing copied from the corpora written before it. Failures name ids, never a
held-out message's text.
"""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest
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

# Each set: the letter of its ids, and the blind sets written before it.
SETS = {
    "fresh3": ("h", ("fresh", "fresh2")),
    "fresh4": ("q", ("fresh", "fresh2", "fresh3")),
    "fresh5": ("r", ("fresh", "fresh2", "fresh3", "fresh4")),
    "fresh6": ("s", ("fresh", "fresh2", "fresh3", "fresh4", "fresh5")),
    "fresh7": ("t", ("fresh", "fresh2", "fresh3", "fresh4", "fresh5", "fresh6")),
    "fresh8": ("u", ("fresh", "fresh2", "fresh3", "fresh4", "fresh5", "fresh6", "fresh7")),
}
# Ids taken out after writing, because the message was already in an earlier corpus (FRESH8.md).
REMOVED = {"fresh8": {"u0369"}}
MIN_CRISIS, MIN_NONE, MIN_PER_TOPIC = 480, 480, 75
# The styles FRESH3.md describes (the ten of the JSONL pair's README).
STYLES = {
    "plain",
    "typos",
    "short",
    "understated",
    "voice",
    "idiom",
    "rambling",
    "caps",
    "dialect",
    "volunteer",
}
SHORT = 12
# A "short" message is a few words, up to this many; the brief asked for many of 3 to 8.
SHORT_STYLE_MAX_WORDS = 10
MIN_SHORT_STYLE = 100
# Two messages sharing a run of this many words would be near-duplicates.
NEAR_DUPLICATE_RUN = 10
# A run of ten or more digits could be a real phone number; the brief forbids them.
PHONE_LIKE = re.compile(r"\d[\d ]{9,}\d")


def read(name: str) -> list[dict[str, str]]:
    lines = (CORPUS / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def id_pattern(name: str) -> re.Pattern[str]:
    return re.compile(rf"{SETS[name][0]}\d{{4}}")


each_set = pytest.mark.parametrize("name", list(SETS))


@each_set
def test_every_line_has_the_agreed_shape(name: str) -> None:
    problems = []
    for number, value in enumerate(read(name), start=1):
        if not isinstance(value, dict) or set(value) != FIELDS:
            problems.append(f"line {number}: not an object with {sorted(FIELDS)}")
        elif not all(isinstance(value[field], str) for field in FIELDS):
            problems.append(f"line {number}: every field must be a string")
        elif not id_pattern(name).fullmatch(value["id"]) or value["topic"] not in TOPICS:
            problems.append(f"line {number}: id {value['id']!r} or topic {value['topic']!r}")
        elif not STYLE_PATTERN.fullmatch(value["style"]) or value["style"] not in STYLES:
            problems.append(f"{value['id']}: style {value['style']!r}")
        elif not value["text"].strip() or value["text"] != value["text"].strip():
            problems.append(f"{value['id']}: empty text or spaces at an end")
        elif len(value["text"]) >= MAX_CHARS:
            problems.append(f"{value['id']}: {len(value['text'])} characters")
        elif PHONE_LIKE.search(value["text"]):
            problems.append(f"{value['id']}: a run of digits like a phone number")
    assert not problems, problems


@each_set
def test_ids_run_in_writing_order_grouped_by_topic(name: str) -> None:
    messages = read(name)
    removed = REMOVED.get(name, set())
    written = [f"{SETS[name][0]}{n:04d}" for n in range(1, len(messages) + len(removed) + 1)]
    assert [message["id"] for message in messages] == [i for i in written if i not in removed]
    ranks = [TOPICS.index(message["topic"]) for message in messages]
    out_of_order = [messages[at]["id"] for at in range(1, len(ranks)) if ranks[at] < ranks[at - 1]]
    assert out_of_order == []


@each_set
def test_the_counts_meet_the_brief(name: str) -> None:
    counts = Counter(message["topic"] for message in read(name))
    assert sum(counts[topic] for topic in CRISIS_TOPICS) >= MIN_CRISIS, counts
    assert counts["none"] >= MIN_NONE, counts
    assert min(counts[topic] for topic in CRISIS_TOPICS) >= MIN_PER_TOPIC, counts


@each_set
def test_short_messages_are_short_and_there_are_many(name: str) -> None:
    messages = read(name)
    short = [message for message in messages if message["style"] == "short"]
    too_long = [m["id"] for m in short if len(m["text"].split()) > SHORT_STYLE_MAX_WORDS]
    assert not too_long, too_long
    assert len(short) >= MIN_SHORT_STYLE, len(short)


@each_set
def test_no_message_is_repeated_or_copied_from_the_earlier_corpora(name: str) -> None:
    """Ignoring case, spaces and punctuation. Short, common ways of saying it ("i want to die")
    are written by anyone, so up to SHORT words may also be in an earlier corpus; not longer."""
    earlier = {squash(message["text"]) for half in HALVES for message in load(half)}
    for before in SETS[name][1]:
        earlier |= {squash(message["text"]) for message in load(before)}
    for half in HALVES:
        entries = yaml.safe_load((CORPUS / f"{half}.yaml").read_text(encoding="utf-8"))
        earlier |= {squash(entry["text"]) for entry in entries["messages"]}
    seen: set[str] = set()
    repeats, copies = [], []
    for message in read(name):
        key = squash(message["text"])
        if key in seen:
            repeats.append(message["id"])
        elif key in earlier and len(message["text"].split()) > SHORT:
            copies.append(message["id"])
        seen.add(key)
    assert not repeats, repeats
    assert not copies, copies


@each_set
def test_no_two_messages_share_a_long_run_of_words(name: str) -> None:
    """Near-duplicates: everyday runs such as "i just wanted to say thank you for" are fine,
    but no two messages may share NEAR_DUPLICATE_RUN words in a row."""
    first_seen: dict[tuple[str, ...], str] = {}
    pairs = set()
    for message in read(name):
        words = re.findall(r"[a-z0-9']+", message["text"].lower())
        runs = {
            tuple(words[at : at + NEAR_DUPLICATE_RUN])
            for at in range(len(words) - NEAR_DUPLICATE_RUN + 1)
        }
        for run in runs:
            earlier = first_seen.setdefault(run, message["id"])
            if earlier != message["id"]:
                pairs.add((earlier, message["id"]))
    assert not pairs, sorted(pairs)
