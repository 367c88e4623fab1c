"""Telegram's limits, counted as Telegram counts them (the fake Bot API, ported from tdlib, is the
judge), and long text cut to fit them without breaking a tag, an entity, a letter or an emoji."""

from __future__ import annotations

import html

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core import TELEGRAM_TEXT_LIMIT, cut_plain, pages, split_message, visible_length
from tests.fake_telegram.formatting import check_text, parse_text
from tests.support.html_check import html_errors, telegram_length
from tests.support.strategies import ASTRAL, ODD, UNICODE

FAMILY = "👩\u200d👩\u200d👧\u200d👦"  # one emoji of seven code points, eleven UTF-16 units


def mixed(least: int, most: int) -> st.SearchStrategy[str]:
    """Any characters, and emoji made of several."""
    return st.lists(st.one_of(UNICODE, ASTRAL), min_size=least, max_size=most).map("".join)


WORDS = st.lists(
    st.one_of(st.text(UNICODE, max_size=12), ODD, ASTRAL, st.sampled_from(["&", "<", ">"])),
    min_size=1,
).map(" ".join)


@st.composite
def telegram_html(draw: st.DrawFn) -> str:
    """Escaped words on many lines, long enough for several messages, maybe inside a tag."""
    lines = draw(st.lists(WORDS, min_size=1, max_size=20))
    body = "\n".join(html.escape(line, quote=False) for line in lines)
    body = " ".join([body] * draw(st.integers(1, 80)))
    tag = draw(st.sampled_from(["", "b", "i", "blockquote"]))
    return f"<{tag}>{body}</{tag}>" if tag else body


def test_tags_count_nothing_entities_one_and_astral_characters_two() -> None:
    for text in ["<b>hi</b> &amp; &lt;3", "😢 tea", FAMILY, "&#128546;", "a&quot;b", "e\u0301"]:
        assert visible_length(text) == telegram_length(text), text


@settings(deadline=None, max_examples=60)  # long texts: each example takes a while
@given(telegram_html())
def test_every_message_split_off_is_one_telegram_takes(text: str) -> None:
    chunks = split_message(text)
    for chunk in chunks:
        plain, _ = parse_text(chunk, "HTML", None)  # raises on a cut tag or entity
        check_text(plain)  # raises when Telegram would say "message is too long"
        assert html_errors(chunk) == []
        # Never less than Telegram counts (it also drops whitespace at either end).
        assert telegram_length(chunk) <= visible_length(chunk) <= TELEGRAM_TEXT_LIMIT
    # Nothing lost: only the whitespace at a cut goes.
    before = "".join(parse_text(text, "HTML", None)[0].split())
    assert "".join("".join(parse_text(c, "HTML", None)[0].split()) for c in chunks) == before


def test_a_long_line_of_emoji_is_cut_by_what_telegram_counts() -> None:
    line = "I feel so alone 😢 " * 400  # 7,200 characters, 7,600 UTF-16 units
    chunks = split_message(f"<b>{line}</b>")
    assert len(chunks) == 2
    assert all(c.startswith("<b>") and c.endswith("</b>") for c in chunks)  # closed, opened again
    assert all(telegram_length(c) <= TELEGRAM_TEXT_LIMIT for c in chunks)


@given(mixed(1, 300), st.integers(0, 120))
def test_a_cut_keeps_whole_characters_and_emoji(text: str, units: int) -> None:
    cut = cut_plain(text, units)
    assert text.startswith(cut) and telegram_length(cut, None) <= units
    if cut and cut != text:
        assert text[len(cut)] not in "\u200d\ufe0f\u0301" and cut[-1] != "\u200d"


def test_a_cut_never_breaks_a_family_emoji_or_an_accent() -> None:
    assert cut_plain(f"ok {FAMILY}", 9, at_word=False) == "ok "
    assert cut_plain("cafe\u0301!", 4, at_word=False) == "caf"
    assert cut_plain("tea 😢😢", 6, at_word=False) == "tea 😢"


@given(mixed(0, 2000), st.integers(2, 500))
def test_pages_keep_every_word(text: str, units: int) -> None:
    found = pages(text, units)
    assert all(telegram_length(page, None) <= units for page in found)
    assert "".join("".join(found).split()) == "".join(text.split())
