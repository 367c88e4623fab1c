"""The safeguarding cues: every shipped cue is caught however it is typed (by the cues alone:
a cue's bare words, "for the rest", are not a crisis to the screen, which reads whole
messages); wording is understood (contractions, base forms, slips of typing, words apart);
cancelling words work; the file's mistakes name their line."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from bot.language import Concern, Detector, load_detector
from bot.language.detection import SAFEGUARDING_FILE, load_rules
from bot.language.detection.spelling import Speller
from bot.language.folding import normalise
from prompts import PromptError, load_prompts

DETECTOR = load_detector()
CUES = load_rules()
TOPICS = ("danger_to_life", "self_harm", "falls", "abuse", "neglect", "loneliness")


GROUPS = yaml.safe_load(SAFEGUARDING_FILE.read_text(encoding="utf-8"))["groups"]


def _plain(cue: str) -> str:
    """The cue as a message: one word where the file allows several, a group's first word."""
    said = re.sub(r"<([a-z_]+)>", lambda m: str(GROUPS[m[1]][0]), cue)
    return said.replace("...", "then")


def _upper(cue: str) -> str:
    return _plain(cue).upper()


def _punctuated(cue: str) -> str:
    return ",  ".join(_plain(cue).split()) + "!!"


def _curly(cue: str) -> str:
    return _plain(cue).replace("'", "\u2019")


def _in_a_sentence(cue: str) -> str:
    return f"Hello dear. Well {_plain(cue)} here, you know."


# Latin letters swapped for Cyrillic and Greek ones that look the same.
_LOOKALIKES = str.maketrans(
    {"a": "\u0430", "e": "\u0435", "o": "\u03bf", "i": "\u0456", "p": "\u0440"}
)


def _hidden(cue: str) -> str:
    """Zero-width spaces and a soft hyphen inside the words: invisible on a phone."""
    return "\u200b".join(_plain(cue)).replace(" \u200b", " ").replace("\u200b", "\u00ad", 1)


def _lookalike(cue: str) -> str:
    return _plain(cue).translate(_LOOKALIKES)


VARIANTS: list[Callable[[str], str]] = [
    _upper, _punctuated, _curly, _in_a_sentence, _hidden, _lookalike,
]  # fmt: skip
CASES = [
    pytest.param(concern, variant, id=f"{concern.topic}:{concern.phrase}-{variant.__name__[1:]}")
    for concern in CUES.phrases
    for variant in [_plain, *VARIANTS]
    if (variant is not _curly or "'" in concern.phrase)
    and (variant is not _lookalike or _lookalike(concern.phrase) != _plain(concern.phrase))
]


@pytest.mark.parametrize(("concern", "variant"), CASES)
def test_every_cue_is_caught_however_it_is_typed(
    concern: Concern, variant: Callable[[str], str]
) -> None:
    found = CUES.concerns(variant(concern.phrase))
    assert concern.topic in {c.topic for c in found}, variant(concern.phrase)


def test_topics_are_the_six_most_urgent_first_with_help_numbers() -> None:
    assert DETECTOR.topics == TOPICS
    numbers = {line.number for topic in TOPICS for line in DETECTOR.help(topic)}
    assert {"999", "116 123", "111", "0808 808 8141", "101", "159", "0300 123 2040",
            "0800 678 1602", "0800 4 70 80 90"} <= numbers  # fmt: skip
    assert DETECTOR.help("danger_to_life")[0].number == "999"
    assert DETECTOR.help("self_harm")[0].number == "116 123"
    assert DETECTOR.help("loneliness")[0].number == "0800 4 70 80 90"


def test_every_help_number_says_where_it_was_checked() -> None:
    """The number line carries its source and date, or says honestly it was not checked."""
    lines = [ln for ln in SAFEGUARDING_FILE.read_text(encoding="utf-8").splitlines()
             if re.match(r'\s+[^#-][^:]*: "[\d ]+"', ln)]  # fmt: skip
    assert len(lines) >= 9
    checked = re.compile(
        r"# (https?://\S+ .*read \d{4}-\d\d-\d\d|as above|not checked"
        r"|partly checked: .*read \d{4}-\d\d-\d\d)"
    )
    for line in lines:
        assert checked.search(line), line


def test_every_topic_has_a_label_for_the_team() -> None:
    keys = load_prompts().messages["en"]
    assert {f"care.topic.{topic}" for topic in DETECTOR.topics} <= set(keys)


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        # contractions, with and without the apostrophe, and the Scots forms
        ("she couldn't breathe properly", "danger_to_life"),
        ("he wouldnt wake this morning", "danger_to_life"),
        ("i cannae get up aff the flair", "falls"),
        # base forms: "fallen", "falling", "fell" all read as "fall"
        ("ive fallen in the kitchen", "falls"),
        ("keeps falling on the stairs", "falls"),
        # slips of typing mended into the cue word
        ("chest pian since dinner", "danger_to_life"),
        ("my grandson takes my pensoin", "abuse"),
        ("im so lonley", "loneliness"),
        # words apart in one sentence
        ("the pain is right across my chest and down my arm", "danger_to_life"),
        ("my son takes half my pension every week", "abuse"),
        # indirect
        ("everyone would be better off without me", "self_harm"),
        ("i have been saving up all my tablets", "self_harm"),
        ("no heating since the boiler broke and i'm sat in my coat", "neglect"),
        ("not spoken to anyone since the funeral, not a soul", "loneliness"),
        ("I cant cope anymore", "self_harm"),
        ("We have NO HEATIN at all", "neglect"),
        ("I've been scamed", "abuse"),
    ],
)
def test_wording_is_understood(text: str, topic: str) -> None:
    assert topic in {c.topic for c in DETECTOR.concerns(text)}, text


@pytest.mark.parametrize(
    "text",
    [
        "I nearly died laughing at the panto",
        "the crossword is murder this week",
        "we had a talk on falls from the physio, very good",
        "since my husband passed the group has been a godsend",
        "I fell asleep in the film",
        "the trip to the coast fell through",
        "i fell in love with the cottage",
        "we learned about scams at the talk and how to hang up",
        "the hall was a bit chilly, only joking it was lovely",
        "I slipped on the ice but the volunteer caught me",
        "The new hall is falling apart",
        "I killed it at bingo",
        "this cake is to die for",
        "",
    ],
)
def test_look_alikes_are_left_alone(text: str) -> None:
    assert DETECTOR.concerns(text) == [], (text, DETECTOR.concerns(text))


def test_concerns_come_most_urgent_first_and_name_the_cue() -> None:
    found = DETECTOR.concerns("I had a fall. Now I have chest pain.")
    assert found[0] == Concern("danger_to_life", "chest pain")
    assert Concern("falls", "fall") in found


def _load(tmp_path: Path, body: str) -> Detector:
    path = tmp_path / "safeguarding.yaml"
    path.write_text(body, encoding="utf-8")
    return load_detector(path)


def test_cue_parts_may_stand_apart_but_within_one_sentence(tmp_path: Path) -> None:
    found = _load(tmp_path, "topics:\n  falls:\n    cues:\n      - slipped ... can't stand\n")
    assert found.concerns("I slipped on the wet kitchen floor and couldn't stand up")
    assert not found.concerns("I slipped. I can't stand the soaps.")  # two sentences
    far = "I slipped on the path by the big old gate near the shop and now can't stand"
    assert not found.concerns(far)  # more than 8 words between the parts


def test_cancelling_words_count_near_the_cue_only(tmp_path: Path) -> None:
    body = (
        "topics:\n  danger_to_life:\n    cues:\n      - died\n"
        "      - cue: murder\n        unless: [crossword]\n"
        "    unless: [laughing]\nunless: [only joking]\n"
    )
    found = _load(tmp_path, body)
    assert not found.concerns("I nearly died laughing")
    assert not found.concerns("the crossword is murder")
    assert not found.concerns("he nearly died, only joking")
    assert found.concerns("murder")
    far = "I was laughing at the quiz with Jean on Tuesday and then my husband died"
    assert found.concerns(far)


def test_a_group_word_stands_for_any_of_its_words(tmp_path: Path) -> None:
    body = (
        "topics:\n  self_harm:\n    cues:\n      - saving ... <tablets>\n"
        "groups:\n  tablets: [tablets, pills, paracetamol]\n"
    )
    found = _load(tmp_path, body)
    assert found.concerns("I've been saving up the paracetamol")
    assert found.concerns("saving my pills in a tin")
    assert not found.concerns("saving up for a holiday")


def test_a_known_word_is_never_mended_into_a_danger_word() -> None:
    speller = Speller(["breathe", "pills", "fell"])
    assert speller.mend("breath") == "breath"  # a word in the list: left alone
    assert speller.mend("pulls") == "pulls"
    assert speller.mend("brethe") == "breathe"  # not a word: mended
    assert speller.mend("pils") == "pills"


def test_a_cue_written_twice_counts_once(tmp_path: Path) -> None:
    body = "topics:\n  self_harm:\n    cues:\n      - can't cope\n  other:\n    cues:\n"
    found = _load(tmp_path, body + "      - cannot cope\n")
    assert len(found) == 1 and found.concerns("I could not cope") == [
        Concern("self_harm", "can't cope")
    ]


def test_normalise_evens_out_how_people_type() -> None:
    assert normalise("  I CAN\u2019T,\tcope!!  ") == "i cant cope"


@pytest.mark.parametrize(
    ("body", "problem", "line"),
    [
        ("topics:\n  self_harm:\n    cues:\n      - want to die\n      - [unclosed\n",
         "not valid YAML", 6),
        ("topics:\n  self_harm:\n    cues: want to die\n", "should be a list", 3),
        ("topics:\n  self_harm:\n    cues:\n      - want to die\n      - '!!!'\n",
         "no words left", 5),
        ("topics:\n  Self Harm:\n    cues:\n      - want to die\n", "lower-case", 3),
        ("topics:\n  cold:\n    cues: []\n", "nothing in it", 3),
        ("topics:\n  cold:\n    cue:\n      - no heat\n", "unknown key", 4),
        ("topics:\n  cold:\n    cues:\n      - no heat\nextra: 1\n", "unknown section", 5),
        ("topics:\n  cold:\n    cues:\n      - ... no heat\n", "only between words", 4),
        ("topics:\n  cold:\n    cues:\n      - no heat\nspellings:\n  heat: [het]\n  hot: [het]\n",
         "listed for both", 7),
        ("topics:\n  cold:\n    help:\n      Age UK: []\n    cues:\n      - no heat\n",
         "should be some text", 4),
        ("topics:\n  cold:\n    cues:\n      - no <heat>\n", "no group 'heat'", 4),
        ("topics:\n  cold:\n    cues:\n      - no <heat>\ngroups:\n  heat: [gas, hot water]\n",
         "single words", 6),
        ("topics:\n  cold:\n    cues:\n      - cue: no heat\n        unless: [heat]\n",
         "cancelled by one of its", 4),
    ],
)  # fmt: skip
def test_a_malformed_file_names_the_line(
    tmp_path: Path, body: str, problem: str, line: int
) -> None:
    with pytest.raises(PromptError, match=problem) as err:
        _load(tmp_path, body)
    assert err.value.line == line and err.value.path == tmp_path / "safeguarding.yaml"
