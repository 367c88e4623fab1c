"""Look-alikes that tell of the past, of someone else, of a game or a joke stay quiet, and a cry
said now beside one of them is still heard (issue 13; BENCHMARKS.md section 22). Written for
this test, not taken from a corpus, so they check the cues and the screen as a new writer
meets them."""

from __future__ import annotations

import pytest

from bot.language import load_detector

DETECTOR = load_detector()

# Each stays quiet because of an `unless:` word in prompts/safeguarding.yaml (named after it).
QUIET = [
    "a chap came selling gutters and I sent him off with a flea in his ear",  # flea in his ear
    "a salesman knocked about solar panels, sent him packing",  # packing
    "we've cancelled the milk for a fortnight while we visit our Jean in Spain",  # fortnight
    "cancelled the paper, we're off on a coach holiday to Llandudno",  # holiday
    "my son has taken my car keys, I asked him to, my eyes aren't what they were",
    "my grandson beats me at chess every single week, I'll get him one day",  # chess
    "we all went up the multi storey to watch the fireworks over the river",  # fireworks
    "the rope swing on the old oak has finally come down",  # rope swing
    "my husband hides my chocolates from me till Christmas",  # chocolates
    "I had a bit of a tumble in the garden in October but I'm right as ninepence",
]

# A present cry beside a past, second-hand or joking one: the past one must not hide it.
HEARD = [
    ("I had a fall last year and I've fallen again and can't get up", "falls"),
    ("I sent him packing last time but he came back and took my pension", "abuse"),
    ("I cancelled the milk, I won't be needing it after this week, I've had enough", "self_harm"),
    ("my son took my keys, I never asked him to, and he won't let me out", "abuse"),
    ("I'm right as ninepence usually but today I fell and can't get up off the floor", "falls"),
    ("we had a talk on scams last month, and now a man from the bank wants my card details",
     "abuse"),
    ("the boiler broke last winter and they fixed it, now it's gone again and I've no heating "
     "and it's freezing", "neglect"),
    ("ha ha I used to joke about it but I really can't go on any more", "self_harm"),
    ("I used to love the club but it closed and I haven't spoken to anyone for weeks",
     "loneliness"),
    ("he beats me, not at chess, he hits me when he's had a drink", "abuse"),
]  # fmt: skip


@pytest.mark.parametrize("words", QUIET)
def test_a_past_second_hand_or_playful_look_alike_stays_quiet(words: str) -> None:
    assert DETECTOR.concerns(words) == []


@pytest.mark.parametrize(("words", "topic"), HEARD)
def test_a_cry_now_is_heard_beside_a_past_one(words: str, topic: str) -> None:
    found = DETECTOR.concerns(words)
    assert found, words
    assert topic in {c.topic for c in found}, found
