"""Folding: what a person (or an attacker) cannot see never changes what the words are."""

from __future__ import annotations

import time

import pytest

from bot.language import normalise
from bot.language.folding import fold


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("I want to k\u200bill myself", "i want to kill myself"),  # zero-width space
        ("no\u00admore", "nomore"),  # soft hyphen
        ("le\u200dave me al\u2060one", "leave me alone"),  # zero-width joiner, word joiner
        ("\ufeffstop", "stop"),  # byte-order mark
        ("\u202estop", "stop"),  # right-to-left override
        ("caf\u00e9", "cafe"),  # a precomposed accent
        ("cafe\u0301", "cafe"),  # a combining accent
        ("d\u0336i\u0336e", "die"),  # strike-through marks
        ("\u0441\u0430n't go \u043en", "cant go on"),  # Cyrillic s, a, o
        ("\u03bfverd\u03bfse", "overdose"),  # Greek omicron
        ("\u0405UICIDE", "suicide"),  # Cyrillic capital dze
        ("\u043aill", "kill"),  # Cyrillic ka: no Latin twin in the table, transliterated
        ("\uff53\uff54\uff4f\uff50", "stop"),  # full-width letters
        ("\ufb01nished", "finished"),  # a ligature
        ("STRASSE stra\u00dfe", "strasse strasse"),
        ("I\u2019m fine, thanks!", "im fine thanks"),
    ],
)
def test_hidden_and_look_alike_characters_are_folded(written: str, read: str) -> None:
    assert normalise(written) == read


def test_plain_text_is_only_lower_cased() -> None:
    assert fold("Hello Dear") == "hello dear"


def test_emoji_and_other_scripts_do_not_break_matching() -> None:
    assert normalise("feeling low \U0001f622 today") == "feeling low today"
    assert normalise("\u65e5\u672c") != ""  # kept as words, not dropped silently


def test_folding_a_long_odd_message_is_quick() -> None:
    """A 4,096-character message of mixed scripts: no per-character cost that could stall."""
    text = ("\u0430\u200b\u03bf\u0301x\U0001f600 " * 700)[:4096]
    normalise(text)  # warm the character cache
    started = time.perf_counter()
    for _ in range(20):
        normalise(text)
    assert (time.perf_counter() - started) / 20 < 0.01
