"""Floors on the labelled corpora (tests/care/corpus; benchmarks/safeguarding.py prints the
figures). The issue asks for recall >= 90% and false alarms <= 5% on both halves. Both old
held-out halves have since been read and tuned on (declared spent), so all four halves are
tuning data now: their floors are what the screen reaches less a small margin, so it can only
get better. The unseen measure is a fresh set written by someone who never saw the cues."""

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
}


@pytest.mark.parametrize(("corpus", "half"), list(FLOORS))
def test_recall_and_false_alarms_hold_their_floors(corpus: str, half: str) -> None:
    examples = load(half, corpus)
    assert len(examples) > 400  # both halves are there, whole
    result = score(DETECTOR, half, examples)
    lowest_recall, most_false_alarms = FLOORS[corpus, half]
    assert result.recall() >= lowest_recall, result.recall()
    assert result.false_alarms() <= most_false_alarms, result.false_alarms()


# The blind held-out set (fresh.jsonl), measured once after tuning stopped on 2026-12-02:
# recall 86.8% (441 crisis messages), false alarms 10.4% (453 look-alikes). Below the issue's
# floors (90%, 5%) and goal (95%, 3%): held here at what it reached less a small margin, so a
# change that loses ground fails. Its misses are never read while tuning (FRESH.md).
FRESH_FLOOR = (0.85, 0.12)


def test_the_blind_held_out_set_holds_its_floor() -> None:
    examples = load("fresh")
    assert len(examples) > 800
    result = score(DETECTOR, "fresh", examples)
    lowest_recall, most_false_alarms = FRESH_FLOOR
    assert result.recall() >= lowest_recall, result.recall()
    assert result.false_alarms() <= most_false_alarms, result.false_alarms()
