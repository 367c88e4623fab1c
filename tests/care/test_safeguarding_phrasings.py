"""Phrasings written after the labelled corpora were spent (tests/care/safeguarding_phrasings.yaml):
every crisis message is caught, every look-alike left alone. Unlike the corpora, this is a
list of cases a change must keep right, not a measure of how the screen does on unseen text."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.language import load_detector

DETECTOR = load_detector()
PHRASINGS = yaml.safe_load(
    (Path(__file__).parent / "safeguarding_phrasings.yaml").read_text(encoding="utf-8")
)
CRISIS = [(topic, text) for topic, texts in PHRASINGS["crisis"].items() for text in texts]


def test_every_topic_has_phrasings() -> None:
    assert set(PHRASINGS["crisis"]) == set(DETECTOR.topics)
    assert len(CRISIS) > 300 and len(PHRASINGS["none"]) > 200


@pytest.mark.parametrize(("topic", "text"), CRISIS)
def test_a_crisis_said_this_way_is_caught(topic: str, text: str) -> None:
    assert DETECTOR.concerns(text), (topic, text)


@pytest.mark.parametrize("text", PHRASINGS["none"])
def test_a_look_alike_is_left_alone(text: str) -> None:
    found = DETECTOR.concerns(text)
    assert not found, [concern.phrase for concern in found]
