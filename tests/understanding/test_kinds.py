"""Floors on reading what a comment is (benchmarks/comment_kinds.py prints the figures), on the
labelled comments in tests/understanding/corpus. comments.jsonl's held-out half was scored once on
2026-12-03 (85.8% read right) and comments2.jsonl once blind on 2026-12-04 (76.9%); both are
spent, and the model is now trained on both whole (BENCHMARKS.md section 24; trained on
comments.jsonl alone it read 79.2% of comments2.jsonl right). These are tuning floors: held at
what was reached less a margin, so a change that loses ground fails."""

from __future__ import annotations

import pytest

from benchmarks.comment_kinds import CORPUS, LISTED, load, read_all
from bot.language.kinds import NOT_FEEDBACK, load_kinds

KINDS = load_kinds()
# file: (read right, listed recall, "not feedback" precision), all tuned on
FLOORS = {
    "comments.jsonl": (0.97, 0.97, 0.95),
    "comments2.jsonl": (0.97, 0.97, 0.95),
    # Blind until 2026-12-06 (section 24b: 84.0% read right, listed recall 89.5%, not-feedback
    # precision 84.6%), spent since 2026-12-07. The model is not trained on it: trained on all
    # three it read the issue's own "could we have a trip in the spring?" as a question (section
    # 28). Held a little below what it reads.
    "comments3.jsonl": (0.82, 0.87, 0.82),
    # The fourth blind set (COMMENTS4.md): scored once as totals on 2026-12-07 (section 30: 90.2%
    # read right, listed recall 94.4%, not-feedback precision 88.0%), spent since 2026-12-08 (the
    # model is not retrained on it). Held just below.
    "comments4.jsonl": (0.89, 0.93, 0.86),
    # The fifth blind set (COMMENTS5.md), held out: scored once as totals on 2026-12-08 (section
    # 31: 85.7% read right, listed recall 94.8%, not-feedback precision 92.0%). Held just below.
    "comments5.jsonl": (0.85, 0.94, 0.91),
}


@pytest.mark.parametrize("name", list(FLOORS))
def test_reading_comments_holds_its_floors(name: str) -> None:
    examples = load(CORPUS / name)
    assert len(examples) > 250
    got = read_all(KINDS, examples)
    right = sum(g == e.kind for g, e in zip(got, examples, strict=True)) / len(examples)
    want = [e.kind in LISTED for e in examples]
    listed = sum(w and g in LISTED for w, g in zip(want, got, strict=True)) / sum(want)
    hidden = [
        e.kind == NOT_FEEDBACK for g, e in zip(got, examples, strict=True) if g == NOT_FEEDBACK
    ]
    lowest_right, lowest_listed, lowest_hidden = FLOORS[name]
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


@pytest.mark.parametrize(
    "text", ["nothing, the cake is always lovely", "nowt to change, the ladies do a grand job"]
)
def test_a_happy_answer_to_what_could_be_better_is_praise(text: str) -> None:
    assert KINDS.read(text, "change") == "praise"
    assert {"mood=3", "mood=4"} & KINDS.features(text, "change")  # the lexicon's happy bands


def test_feedback_known_to_be_about_the_service_is_never_not_feedback() -> None:
    text, asked = "thanks for asking", "anything_else"
    assert KINDS.read(text, asked) == NOT_FEEDBACK
    assert KINDS.read(text, asked, feedback=True) != NOT_FEEDBACK
    assert KINDS.read("could we have a trip", "idea", feedback=True) == "suggestion"
