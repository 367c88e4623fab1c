"""The danger phrases: every shipped phrase is caught however it is typed, ordinary talk is not."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from bot.language.folding import normalise
from bot.language.phrases import PHRASES_FILE, Concern, PhraseList, load_phrases
from prompts import PromptError, load_prompts

PHRASES = load_phrases()


def _plain(phrase: str) -> str:
    return phrase


def _upper(phrase: str) -> str:
    return phrase.upper()


def _punctuated(phrase: str) -> str:
    return ",  ".join(phrase.split()) + "!!"


def _curly(phrase: str) -> str:
    return phrase.replace("'", "\u2019")


def _in_a_sentence(phrase: str) -> str:
    return f"Hello dear. To be honest {phrase} these days, you know."


# Latin letters swapped for Cyrillic and Greek ones that look the same.
_LOOKALIKES = str.maketrans(
    {"a": "\u0430", "e": "\u0435", "o": "\u03bf", "i": "\u0456", "p": "\u0440"}
)


def _hidden(phrase: str) -> str:
    """Zero-width spaces and a soft hyphen inside the words: invisible on a phone."""
    return "\u200b".join(phrase).replace(" \u200b", " ").replace("\u200b", "\u00ad", 1)


def _lookalike(phrase: str) -> str:
    return phrase.translate(_LOOKALIKES)


def _accented(phrase: str) -> str:
    """A combining accent after every vowel."""
    return "".join(ch + "\u0301" if ch in "aeiou" else ch for ch in phrase)


VARIANTS: list[Callable[[str], str]] = [
    _upper,
    _punctuated,
    _curly,
    _in_a_sentence,
    _hidden,
    _lookalike,
    _accented,
]
CASES = [
    pytest.param(concern, variant, id=f"{concern.phrase}-{variant.__name__.strip('_')}")
    for concern in PHRASES.phrases
    for variant in [_plain, *VARIANTS]
    # The curly, look-alike and accented forms differ from the plain one only when it has
    # an apostrophe, a swapped letter or a vowel.
    if (variant is not _curly or "'" in concern.phrase)
    and (variant is not _lookalike or _lookalike(concern.phrase) != concern.phrase)
    and (variant is not _accented or _accented(concern.phrase) != concern.phrase)
]


@pytest.mark.parametrize(("concern", "variant"), CASES)
def test_every_phrase_is_caught_however_it_is_typed(
    concern: Concern, variant: Callable[[str], str]
) -> None:
    text = variant(concern.phrase)
    assert concern in PHRASES.concerns(text), text


def test_variants_really_change_the_text() -> None:
    """Guards the test above: each variant must differ from the plain phrase."""
    phrase = "can't go on"
    assert len({phrase, *(variant(phrase) for variant in VARIANTS)}) == len(VARIANTS) + 1


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("I cant cope", "crisis"),
        ("I cannot cope any more", "crisis"),
        ("i wanna die", "self_harm"),
        ("I want to kil myself", "self_harm"),
        ("I just want to hurt my self", "self_harm"),
        ("we have no heatin", "cold"),
        ("I've been scamed", "scam"),
        ("Ive not eaten for days", "hunger"),
        ("I havent eaten", "hunger"),
        ("Someone's hurting me", "abuse"),
        ("I\u2019m REALLY at breaking point", "crisis"),
    ],
)
def test_common_misspellings_are_caught(text: str, topic: str) -> None:
    assert topic in {concern.topic for concern in PHRASES.concerns(text)}, text


@pytest.mark.parametrize(
    "text",
    [
        "I killed it at bingo",
        "this cake is to die for",
        "I could kill for a cuppa",
        "the heating was lovely and warm",
        "skill myself up at the computer class",
        "We had a talk on how to spot a scam. Very useful!",
        "My daughter drove me to the lunch club",
        "The falls class was fun and I can't wait for next week",
        "I can't get up the hill, so a bus would help",
        "Nobody could fault the soup, there was plenty of food",
        "The new hall is falling apart",
        "I keep falling asleep in the film",
        "",
    ],
)
def test_ordinary_talk_is_not_caught(text: str) -> None:
    assert PHRASES.concerns(text) == [], text


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("I don't want to die of boredom at the quiz", "want to die"),
        ("I was killing myself laughing", "killing myself"),
        ("There were no food hygiene issues", "no food"),
    ],
)
def test_known_false_alarms_are_accepted(text: str, phrase: str) -> None:
    """Listed in the header of prompts/safeguarding.yaml: better a false alarm than a miss."""
    assert phrase in [concern.phrase for concern in PHRASES.concerns(text)]


def test_concerns_name_topic_and_phrase_in_file_order() -> None:
    found = PHRASES.concerns("I can't cope. I want to die.")
    assert found == [Concern("self_harm", "want to die"), Concern("crisis", "can't cope")]


def test_normalise_evens_out_how_people_type() -> None:
    assert normalise("  I CAN\u2019T,\tcope!!  ") == "i cant cope"
    assert (
        normalise("\uff2b\uff49\uff4c\uff4c  my-self") == "kill my self"
    )  # full-width letters (NFKC)


def test_phrases_match_whole_words_only() -> None:
    phrases = PhraseList({"t": ["kill myself"]})
    assert phrases.concerns("I'll kill myself") and not phrases.concerns("skill myself")
    assert not phrases.concerns("kill myselfish")


def test_a_phrase_listed_twice_counts_once() -> None:
    """Written "cannot cope", it reads the same as "can't cope": the first in the file wins."""
    phrases = PhraseList(
        {"crisis": ["can't cope"], "other": ["cannot cope"]}, {"can not": ["cant", "cannot"]}
    )
    assert len(phrases) == 1
    assert phrases.concerns("I cannot cope") == [Concern("crisis", "can't cope")]


def test_the_list_is_big_enough_and_has_no_repeats() -> None:
    raw = yaml.safe_load(PHRASES_FILE.read_text(encoding="utf-8"))["topics"]
    assert len(PHRASES) >= 50
    assert len(PHRASES) == sum(len(phrases) for phrases in raw.values())  # none lost as repeats


def test_every_topic_has_a_label_for_the_team() -> None:
    keys = load_prompts().messages["en"]
    assert {f"care.topic.{topic}" for topic in PHRASES.topics} <= set(keys)


def test_care_help_gives_the_numbers() -> None:
    prompts = load_prompts()
    for key in ("care.help", "care.help_no_contact"):
        text = prompts.text(key, partner="Age UK Leeds", contact="0113 496 0000")
        for number in ("116 123", "111", "999", "0800 4 70 80 90"):
            assert re.search(rf"\b{number}\b", text), (key, number)
    assert "0113 496 0000" in prompts.text("care.help", partner="P", contact="0113 496 0000")


@pytest.mark.parametrize(
    ("body", "problem", "line"),
    [
        ("topics:\n  self_harm:\n    - want to die\n    - [unclosed\n", "not valid YAML", 5),
        ("topics:\n  self_harm: want to die\n", "should be a list", 2),
        ("topics:\n  self_harm:\n    - want to die\n    - '!!!'\n", "no words left", 4),
        ("topics:\n  Self Harm:\n    - want to die\n", "lower-case", 3),
        ("topics:\n  cold: []\n", "nothing in it", 2),
        ("topics:\n  cold:\n    - no heat\nfillers: [so]\nextra: 1\n", "unknown section", 5),
        (
            "topics:\n  cold:\n    - no heat\nvariants:\n  heat: [het]\n  hot: [het]\n",
            "listed for both",
            6,
        ),
        (
            "topics:\n  cold:\n    - no heat\nvariants:\n  heat: [warm]\n  warm: [hot]\n",
            "changed",
            6,
        ),
    ],
)
def test_a_malformed_file_names_the_line(
    tmp_path: Path, body: str, problem: str, line: int
) -> None:
    path = tmp_path / "safeguarding.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(PromptError, match=problem) as err:
        load_phrases(path)
    assert err.value.line == line and err.value.path == path
