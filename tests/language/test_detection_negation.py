"""Negations, words that say a worry was put right, and plain forms (bot/language/detection)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.language import Detector, load_detector
from bot.language.detection.spelling import Speller
from prompts.yamlfile import PromptError

BODY = (
    "topics:\n  falls:\n    cues:\n      - fell\n      - get myself up\n      - a fit\n"
    "  loneliness:\n    cues:\n      - alone\n      - any visitors\n"
    "    unless: [joking]\n"
    "negations: [not, never, nearly]\n"
    "resolved:\n  - fine now\n  - back on my feet\n"
)


@pytest.fixture
def detector(tmp_path: Path) -> Detector:
    path = tmp_path / "safeguarding.yaml"
    path.write_text(BODY, encoding="utf-8")
    return load_detector(path)


@pytest.mark.parametrize(
    "text", ["I have not fell", "never fell once", "I nearly fell", "not had a fit in years"]
)
def test_a_negation_just_before_a_cue_cancels_it(detector: Detector, text: str) -> None:
    assert detector.concerns(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "I can't get myself up",  # being unable is the worry itself
        "I fell, I did not mean to",  # the negation comes after
        "I don't get any visitors",  # a cue that means something missing
        "I won't be alone, said nobody: I am alone",
    ],
)
def test_being_unable_or_a_missing_thing_is_not_undone(detector: Detector, text: str) -> None:
    assert detector.concerns(text)


def test_will_not_be_denies(detector: Detector) -> None:
    assert detector.concerns("at christmas I won't be alone") == []


def test_what_was_put_right_no_longer_counts_but_what_comes_after_does(
    detector: Detector,
) -> None:
    assert detector.concerns("I fell in March. All fine now, thank you") == []
    assert detector.concerns("I was fine now and then. Today I fell")
    assert detector.concerns("fine now, but I fell again this morning")
    assert detector.concerns("I fell and I'm not fine now")  # a denied resolution
    assert detector.concerns("I fell and can't get back on my feet")  # unable undoes it


def test_a_denied_cancelling_word_does_not_cancel(detector: Detector) -> None:
    assert detector.concerns("so alone, joking") == []
    assert detector.concerns("so alone, I'm not joking")


def test_a_cue_holding_a_resolved_phrase_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "safeguarding.yaml"
    path.write_text(
        "topics:\n  falls:\n    cues:\n      - can't get back on my feet\n"
        "resolved:\n  - back on my feet\n",
        encoding="utf-8",
    )
    with pytest.raises(PromptError, match="resolved"):
        load_detector(path)


def test_a_negation_is_one_word(tmp_path: Path) -> None:
    path = tmp_path / "safeguarding.yaml"
    path.write_text("topics:\n  falls:\n    cues:\n      - fell\nnegations: [not at all]\n")
    with pytest.raises(PromptError, match="one word"):
        load_detector(path)


def test_plain_forms_where_the_lemmatiser_slips() -> None:
    reader = load_detector().reader
    assert reader.sentences("thinking about ending it") == [["think", "about", "end", "it"]]
    assert reader.sentences("it has gone, worse") == [["it", "have", "go", "worse"]]


def test_a_dropped_g_is_read_back_but_not_from_a_common_word() -> None:
    speller = Speller(["taking"])
    assert speller.mend("takin") == "taking"
    assert speller.mend("goin") == "going"
    assert speller.mend("thin") == "thin"
    assert speller.mend("begin") == "begin"


def test_a_but_cuts_off_a_cancelling_word_said_before_it(tmp_path: Path) -> None:
    path = tmp_path / "safeguarding.yaml"
    path.write_text(
        "topics:\n  abuse:\n    cues:\n      - taking my money\n    unless: [talk]\n",
        encoding="utf-8",
    )
    found = load_detector(path)
    assert found.concerns("the talk about taking my money") == []
    assert found.concerns("the talk was good but now my son is taking my money")
