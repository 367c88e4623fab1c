"""Reading what the apostrophe and the voice note tell: "I'll" is not "ill", "t'bridge" is "the
bridge", and "erm" is never mended into "arm" (bot/language/detection/reading.py)."""

from __future__ import annotations

import pytest

from bot.language import load_detector
from bot.language.detection.reading import words_of

DETECTOR = load_detector()


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("I'll be fine", "i will be fine"),
        ("i\u2019ll not be at the group", "i will not be at the group"),  # a curly apostrophe
        ("WE'LL see", "we will see"),
        ("we're off", "we are off"),
        ("she'd gone", "she would gone"),
        ("who're they", "who are they"),
        ("i\u200b'll go", "i will go"),  # hidden inside the word
        ("i\u02bcll go", "i will go"),  # a look-alike apostrophe
        ("stood on t'bridge", "stood on the bridge"),
        ("nowt in t' cupboard", "nowt in the cupboard"),
        ("down int' cellar", "down in the cellar"),
    ],
)
def test_a_contraction_that_would_fold_into_another_word_is_spelled_out(
    written: str, read: str
) -> None:
    assert " ".join(words_of(written)) == read


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("I feel ill", "i feel ill"),  # no apostrophe: the word itself
        ("it's well worth it", "its well worth it"),  # "it's" reads as it always has
        ("don't", "dont"),
        ("the shed", "the shed"),
        ("tea at two", "tea at two"),
    ],
)
def test_the_words_themselves_are_left_alone(written: str, read: str) -> None:
    assert " ".join(words_of(written)) == read


def test_a_sound_said_while_thinking_is_never_mended_into_a_word() -> None:
    said = DETECTOR.reader.sentences("erm um i went to the er quiz")
    assert said == [["i", "go", "to", "the", "quiz"]]  # not "arm"


def test_a_cry_told_in_dialect_or_after_a_filler_is_heard() -> None:
    assert DETECTOR.concerns("ah've been stood on t'bridge over t'motorway every night")
    assert DETECTOR.concerns("erm so i'm on the floor and erm i can't get up")
