"""Look-alikes that tell of the past, of someone else, of a game or a joke stay quiet, and a cry
said now beside one of them is still heard (issue 13; BENCHMARKS.md sections 22 and 27).
Written for this test, not taken from a corpus, so they check the cues and the screen as a new
writer meets them."""

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
    "no heating on today, it's a proper heatwave and the back door is wide open",  # heatwave
    "no food in the house today, we're off to the carvery for Sunday lunch",  # carvery
    "I haven't spoken to anyone since breakfast, it's my sponsored silence for the church roof",
    "no more dizzy turns since the nurse sorted out my water tablets",  # no more dizzy
    "I slipped on the wet leaves outside the library, not a scratch on me",  # not a scratch
    "a letter said I'd won a prize and wanted my bank details, straight in the recycling",
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
    ("no more dizzy spells, but this morning I fell in the hall and can't get up", "falls"),
    ("we went to the carvery for my birthday. now there's no food in the house and the carer "
     "hasn't been for three days", "neglect"),
    ("not a scratch that time, but today I fell down the stairs and my hip really hurts",
     "falls"),
    ("it was a warm day yesterday. today the heating's broken and I'm freezing cold", "neglect"),
]  # fmt: skip

# A cry told in the middle of cheerful chat about the group: the chat must not hide it (the
# issue's "long rambling ones with the worry in the middle"). Until 2026-12-08 the screen, weighing
# the whole message, waved off the first two.
BURIED = [
    ("just to say our coffee morning made ninety pounds for the hospice which is marvellous, the "
     "lemon drizzle went first as always. on the way home my neighbour collapsed on his path and "
     "is not breathing. anyway a lovely morning, thank you all, see you next week for the quiz "
     "and the raffle and the carols", "danger_to_life"),
    ("what a lovely christmas lunch, the turkey was perfect and the crackers were a hoot and the "
     "singing after was grand. i have had enough of everything and i want to end it. the raffle "
     "was fun too, thank you to all the volunteers for the lovely day and the pudding and the "
     "mince pies", "self_harm"),
    ("the walking group was smashing on tuesday, we went right round the reservoir and had our "
     "sandwiches by the dam and the sun came out. when i got home i fell in the kitchen and i "
     "can't get up off the floor. the new leader is ever so nice and the pace is just right for "
     "me, thank you", "falls"),
    ("lovely singing this week, the new songs are a treat and the tea was hot for once. my "
     "carer hasn't been for four days and there's no food in the house. looking forward to the "
     "panto trip in january, put me down for two tickets please", "neglect"),
]  # fmt: skip


@pytest.mark.parametrize("words", QUIET)
def test_a_past_second_hand_or_playful_look_alike_stays_quiet(words: str) -> None:
    assert DETECTOR.concerns(words) == []


@pytest.mark.parametrize(("words", "topic"), HEARD)
def test_a_cry_now_is_heard_beside_a_past_one(words: str, topic: str) -> None:
    found = DETECTOR.concerns(words)
    assert found, words
    assert topic in {c.topic for c in found}, found


@pytest.mark.parametrize(("words", "topic"), BURIED)
def test_a_cry_in_the_middle_of_cheerful_chat_is_heard(words: str, topic: str) -> None:
    found = DETECTOR.concerns(words)
    assert topic in {c.topic for c in found}, found
