"""The screen beside the cues (bot/language/detection/screen.py): how its verdict is worked out,
how it weighs a cue's concern, and that the shipped model fits the shipped cues."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from bot.language import Concern, load_detector
from bot.language.detection import SAFEGUARDING_FILE, load_rules
from bot.language.detection.marks import Marks
from bot.language.detection.screen import NONE, Screen, features
from bot.language.linear import Linear

CLASSES = ("falls", NONE, "self_harm")


def small_screen(alone: float = 0.8, with_cue: float = 0.05, veto_words: int = 0) -> Screen:
    weights = {
        "slip": (3.0, 0.0, 0.0),
        "floor": (1.0, 0.0, 0.0),
        "laugh": (-4.0, 6.0, -4.0),
        "no point": (0.0, 0.0, 4.0),
        "no _ go": (0.0, 0.0, 2.0),
        "qwzx": (3.0, 0.0, 0.0),
        "vbnq": (1.0, 0.0, 0.0),
    }
    return Screen(Linear(CLASSES, (0.0, 1.0, 0.0), weights), alone, with_cue, veto_words)


def test_features_are_words_pairs_and_words_one_apart_within_a_sentence() -> None:
    assert features([["no", "point", "go"], ["on"]]) == {
        "no", "point", "go", "on", "no point", "point go", "no _ go",
    }  # fmt: skip


def test_each_mark_held_and_each_two_held_together_are_features() -> None:
    rules = load_rules()
    said = rules.reader.sentences("I went over on the ice last winter but the ankle is fine now")
    found = features(said, Marks.read(rules.reader))
    assert {"@past", "@fine", "@fine+@past"} <= found
    assert not {f for f in features(said) if f.startswith("@")}  # no marks: words only


def test_the_verdict_is_a_softmax_over_the_summed_weights() -> None:
    verdict = small_screen().verdict([["i", "slip", "on", "the", "floor"]])
    scores = {"falls": 4.0, NONE: 1.0, "self_harm": 0.0}
    total = sum(math.exp(s) for s in scores.values())
    assert verdict.crisis == pytest.approx(1 - math.exp(1.0) / total)
    assert verdict.topic == "falls"
    assert verdict.because() == ("slip", "floor")  # heaviest first; "on", "the" weigh nothing


def test_words_one_apart_are_shown_with_a_gap() -> None:
    verdict = small_screen().verdict([["no", "point", "go"]])
    assert verdict.topic == "self_harm"
    assert verdict.because() == ("no point", "no ... go")


def test_weights_that_do_not_fit_the_classes_are_refused() -> None:
    with pytest.raises(ValueError, match="do not agree"):
        Linear(CLASSES, (0, 0, 0), {"slip": (1.0, 2.0)})
    with pytest.raises(ValueError, match="do not agree"):
        Linear(CLASSES, (0, 0), {})
    with pytest.raises(ValueError, match="no 'none'"):
        Screen(Linear(("falls", "abuse"), (0, 0), {}), 0.8, 0.05)


def test_a_cue_stands_unless_the_screen_is_all_but_sure_the_message_is_fine() -> None:
    cues = load_rules()
    said = "I had a fall"
    assert [c.topic for c in cues.concerns(said)] == ["falls"]
    sure_it_is_fine = load_rules().with_screen(small_screen(with_cue=0.999))
    assert sure_it_is_fine.concerns(said) == []
    assert [c.topic for c in load_rules().with_screen(small_screen()).concerns(said)] == ["falls"]


def test_a_cue_in_a_short_message_stands_however_sure_the_screen_is() -> None:
    """Too few words to wave a cue off: "had a fall" stands; a longer telling is weighed."""
    sure = load_rules().with_screen(small_screen(with_cue=0.999, veto_words=6))
    assert [c.topic for c in sure.concerns("I had a fall")] == ["falls"]
    told = "I had a fall on the stairs at my sister's house on Sunday"
    assert load_rules().concerns(told)  # a cue is in it
    assert sure.concerns(told) == []


def test_the_shipped_model_never_weighs_a_short_cued_message() -> None:
    screen = load_detector().screen
    assert screen is not None and screen.veto_words >= 4
    for said in ("had a tumble", "i had a tumble this morning", "found him unconscious"):
        assert load_detector().concerns(said), said


def test_with_no_cue_the_screen_alone_raises_a_concern_and_says_why() -> None:
    detector = load_rules().with_screen(small_screen(alone=0.8))
    said = "qwzx vbnq qwzx vbnq"  # made-up words (four: FEWEST_WORDS), in no cue
    assert load_rules().concerns(said) == []
    assert detector.concerns(said) == [Concern("falls", "qwzx / vbnq")]
    unsure = load_rules().with_screen(small_screen(alone=0.999))
    assert unsure.concerns(said) == []


def test_the_shipped_model_knows_every_topic_and_its_thresholds_make_sense() -> None:
    screen = load_detector().screen
    assert screen is not None
    assert set(screen.classes) == {NONE, *load_rules().topics}
    assert 0 < screen.with_cue < screen.alone < 1


def test_a_detector_read_from_a_file_with_no_model_beside_it_has_only_cues(tmp_path: Path) -> None:
    copy = tmp_path / "safeguarding.yaml"
    copy.write_text(SAFEGUARDING_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    assert load_detector(copy).screen is None


def test_the_screen_alone_raises_nothing_on_a_short_reply() -> None:
    detector = load_rules().with_screen(small_screen(alone=0.8))
    assert detector.concerns("qwzx vbnq") == []  # sure, but two words are too few to go on
    for reply in ("Nothing really", "not really", "nope", "no"):
        assert load_detector().concerns(reply) == [], reply
