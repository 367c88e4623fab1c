"""Floors on the labelled corpora (tests/care/corpus; benchmarks/safeguarding.py prints the
figures). The issue asks for recall >= 90% and false alarms <= 5% on both halves. Both old
held-out halves have since been read and tuned on (declared spent), and so has the first blind
set (fresh.jsonl), the second (fresh2.jsonl), the third (fresh3.jsonl) and the fourth
(fresh4.jsonl): the screen's model is trained on all of them, so their floors are what it reaches
less a small margin, and it can only get better. The unseen measure is the fifth blind set,
fresh5.jsonl, written by someone else again (FRESH5.md), held at what it reached when scored."""

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
    # fresh4.jsonl, trained on since a fifth blind set was asked for (2026-12-06): 100.0%, 0.4%.
    ("all", "fresh4"): (0.97, 0.02),
}


@pytest.mark.parametrize(("corpus", "half"), list(FLOORS))
def test_recall_and_false_alarms_hold_their_floors(corpus: str, half: str) -> None:
    examples = load(half, corpus)
    assert len(examples) > 400  # the whole set is there
    result = score(DETECTOR, half, examples)
    lowest_recall, most_false_alarms = FLOORS[corpus, half]
    assert result.recall() >= lowest_recall, result.recall()
    assert result.false_alarms() <= most_false_alarms, result.false_alarms()


# The blind held-out set (fresh5.jsonl), scored once on 2026-12-06 with the screen retrained on
# fresh4 and never on it (BENCHMARKS.md section 22b): recall 95.7% (538 crisis messages), false
# alarms 8.4% (499 look-alikes, over half of them of the hardest kinds). The goal on
# recall is met; its floor (5%) and goal (3%) on false alarms are not. Held at what it reached
# less a small margin, so a change that loses ground fails; its misses are never read.
HELD_OUT_FLOOR = (0.95, 0.09)


def test_the_blind_held_out_set_holds_its_floor() -> None:
    examples = load("fresh5")
    assert len(examples) > 1000
    result = score(DETECTOR, "fresh5", examples)
    lowest_recall, most_false_alarms = HELD_OUT_FLOOR
    assert result.recall() >= lowest_recall, result.recall()
    assert result.false_alarms() <= most_false_alarms, result.false_alarms()
