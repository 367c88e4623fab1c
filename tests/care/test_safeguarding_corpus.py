"""Floors on the labelled corpora (tests/care/corpus; benchmarks/safeguarding.py prints the
figures). The issue asks for recall >= 90% and false alarms <= 5% on both halves. Both old
held-out halves have since been read and tuned on (declared spent), and so has the first blind
set (fresh.jsonl), the second (fresh2.jsonl) and the third (fresh3.jsonl): the screen's model is
trained on all of them, so their floors are what it reaches less a small margin, and it can only
get better. The unseen measure is fresh4.jsonl, written blind by someone else again."""

from __future__ import annotations

import pytest

from benchmarks.safeguarding import load, score
from bot.language import load_detector

DETECTOR = load_detector()
# corpus, half: (lowest recall, highest false-alarm rate)
FLOORS = {
    # Measured once tuning was done: recall 99.1%, false alarms 0.0%; 99.6%, 0.0%;
    # (spent held-out halves) 100.0%, 0.0%; 100.0%, 0.4%.
    ("first", "tuning"): (0.97, 0.02),
    ("second", "tuning"): (0.97, 0.02),
    ("first", "held_out"): (0.97, 0.02),
    ("second", "held_out"): (0.97, 0.02),
    # fresh.jsonl, trained on since 2026-12-03: 100.0%, 0.0%.
    ("all", "fresh"): (0.97, 0.02),
    # fresh2.jsonl, trained on since the third blind set came (2026-12-03): 100.0%, 0.0%.
    ("all", "fresh2"): (0.97, 0.02),
    # fresh3.jsonl, trained on since the fourth blind set came (2026-12-04): 100.0%, 0.2%.
    ("all", "fresh3"): (0.97, 0.02),
}


@pytest.mark.parametrize(("corpus", "half"), list(FLOORS))
def test_recall_and_false_alarms_hold_their_floors(corpus: str, half: str) -> None:
    examples = load(half, corpus)
    assert len(examples) > 400  # the whole set is there
    result = score(DETECTOR, half, examples)
    lowest_recall, most_false_alarms = FLOORS[corpus, half]
    assert result.recall() >= lowest_recall, result.recall()
    assert result.false_alarms() <= most_false_alarms, result.false_alarms()


# The blind held-out set (fresh4.jsonl), scored once on 2026-12-04 with the cues and the screen's
# model trained without it (BENCHMARKS.md section 20): recall 97.5% (525 crisis messages), false
# alarms 8.4% (510 look-alikes). The floor and goal on recall are met; its floor (5%) and
# goal (3%) on false alarms are not. Held here at what it reached less a small margin, so a
# change that loses ground fails. Its misses are never read while tuning (FRESH4.md).
HELD_OUT_FLOOR = (0.96, 0.09)


def test_the_blind_held_out_set_holds_its_floor() -> None:
    examples = load("fresh4")
    assert len(examples) > 1000
    result = score(DETECTOR, "fresh4", examples)
    lowest_recall, most_false_alarms = HELD_OUT_FLOOR
    assert result.recall() >= lowest_recall, result.recall()
    assert result.false_alarms() <= most_false_alarms, result.false_alarms()
