"""Floors on reading what a comment is (benchmarks/comment_kinds.py prints the figures), on the
labelled comments in tests/understanding/corpus. The held-out half was scored on 2026-12-03
after training on the tuning half only: 86.4% read right, suggestions and questions listed:
recall 88.1%, precision 87.4%; "not feedback" right 87.5% of the time. A suite test then showed
"More chairs with arms" read as praise, so short-request wordings were added to the cues
(tuning half only) and it was scored a second time: 85.8%, 88.1%, 86.7%, 89.1%. Held at what
was reached less a small margin, so a change that loses ground fails."""

from __future__ import annotations

import pytest

from benchmarks.comment_kinds import LISTED, load_half, read_all
from bot.language.kinds import NOT_FEEDBACK, load_kinds

KINDS = load_kinds()
# half: (read right, listed recall, "not feedback" precision)
FLOORS = {"tuning": (0.97, 0.97, 0.95), "held_out": (0.83, 0.85, 0.83)}


@pytest.mark.parametrize("half", list(FLOORS))
def test_reading_comments_holds_its_floors(half: str) -> None:
    examples = load_half(half)
    assert len(examples) > 250
    got = read_all(KINDS, examples)
    right = sum(g == e.kind for g, e in zip(got, examples, strict=True)) / len(examples)
    want = [e.kind in LISTED for e in examples]
    listed = sum(w and g in LISTED for w, g in zip(want, got, strict=True)) / sum(want)
    hidden = [
        e.kind == NOT_FEEDBACK for g, e in zip(got, examples, strict=True) if g == NOT_FEEDBACK
    ]
    lowest_right, lowest_listed, lowest_hidden = FLOORS[half]
    assert right >= lowest_right, right
    assert listed >= lowest_listed, listed
    assert sum(hidden) / len(hidden) >= lowest_hidden


@pytest.mark.parametrize(
    ("text", "asked", "kind"),
    [
        ("could we have a trip in the spring?", "free", "suggestion"),
        ("the bus stop is a long walk from the hall", "anything_else", "suggestion"),
        ("are we going to Cleethorpes this year?", "free", "question"),
        ("No, that's all", "anything_else", "not_feedback"),
        ("what does this do", "free", "not_feedback"),
        ("lovely morning as always", "liked", "praise"),
    ],
)
def test_the_issues_own_examples(text: str, asked: str, kind: str) -> None:
    assert KINDS.read(text, asked) == kind
