"""The one renderer for replies and the outbox: which Telegram messages a reply makes."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from telegram import InlineKeyboardMarkup

from bot.core import (
    BUTTON_TEXT_LIMIT,
    CAPTION_LIMIT,
    TELEGRAM_TEXT_LIMIT,
    TOAST_LIMIT,
    Button,
    Document,
    Photo,
    Reply,
    Say,
    fit_label,
    visible_length,
)
from handlers import render
from prompts import Prompts, load_prompts
from tests.fake_telegram.formatting import check_caption, check_text, parse_text
from tests.support.html_check import telegram_length
from tests.support.strategies import ASTRAL, MARKUP, ODD, UNICODE

TICK = Button(Say("buttons.reviewed_n", {"number": 1}), "flg:1")
CSV = Document(Say("digest.csv_file", {"week": "2026-11-16"}), content="a,b\n")


def shape(pieces: list[render.Piece]) -> list[tuple[str, bool]]:
    """(kind, has buttons) for each message."""
    return [
        (
            type(p).__name__,
            isinstance(p, render.Text) and isinstance(p.markup, InlineKeyboardMarkup),
        )
        for p in pieces
    ]


def test_a_long_quote_is_cut_to_fit_with_the_buttons_under_it(prompts: Prompts) -> None:
    said = "\n".join("We talked about the <hall> & the tea " * 20 for _ in range(30))
    reply = Reply((Say("youdid.you_said", {"said": said}),), (TICK,))
    (piece,) = render.pieces(prompts, reply, "en")
    assert isinstance(piece, render.Text) and isinstance(piece.markup, InlineKeyboardMarkup)
    assert 4000 < visible_length(piece.text) <= TELEGRAM_TEXT_LIMIT
    # The prompt's own words stay whole; the quote ends with an ellipsis, on a word.
    assert piece.text.startswith("You told us: “We talked about the &lt;hall&gt; &amp; the")
    assert piece.text.endswith("…”") and not piece.text.endswith(" …”")


def test_parts_too_many_for_one_message_go_whole_in_several(prompts: Prompts) -> None:
    lines = [f"Line {n}: " + "we talked about the <hall> " * 20 for n in range(30)]
    reply = Reply(tuple(Say("youdid.you_said", {"said": line}) for line in lines), (TICK,))
    pieces = render.pieces(prompts, reply, "en")
    texts = [p.text for p in pieces if isinstance(p, render.Text)]
    assert len(texts) > 2 and all(visible_length(t) <= TELEGRAM_TEXT_LIMIT for t in texts)
    # Nothing cut and nothing lost: the messages are the parts, a blank line between them.
    assert "\n\n".join(texts) == "\n\n".join(
        prompts.text("youdid.you_said", said=line) for line in lines
    )
    assert shape(pieces) == [("Text", False)] * (len(pieces) - 1) + [("Text", True)]


def test_buttons_go_under_the_words_not_the_fixed_html(prompts: Prompts) -> None:
    reply = Reply((Say("checkin.how"),), (TICK,), html=("<b>Fixed</b>",))
    assert shape(render.pieces(prompts, reply, "en")) == [("Text", True), ("Text", False)]


def test_with_only_fixed_html_the_buttons_go_under_it(prompts: Prompts) -> None:
    """As an outbox message queued before the outbox kept prompt keys (migration 0008)."""
    reply = Reply((), (TICK,), html=("<b>Group</b>\n\nHow was it?",))
    (piece,) = render.pieces(prompts, reply, "en")
    assert isinstance(piece, render.Text) and piece.text == "<b>Group</b>\n\nHow was it?"
    assert isinstance(piece.markup, InlineKeyboardMarkup)
    assert [[b.text for b in row] for row in piece.markup.inline_keyboard] == [["Looked at 1"]]


def test_a_short_text_with_one_file_is_its_caption(prompts: Prompts) -> None:
    (file,) = render.pieces(prompts, Reply((Say("team.export_done"),), documents=(CSV,)), "en")
    assert isinstance(file, render.File) and file.filename == "comments-2026-11-16.csv"
    assert file.caption == "Here are the comments as a spreadsheet (CSV)." and file.body == b"a,b\n"
    # With fixed HTML too, the words go as a message of their own and the file bare.
    reply = Reply((Say("team.export_done"),), html=("x",), documents=(CSV,))
    pieces = render.pieces(prompts, reply, "en")
    assert shape(pieces) == [("Text", False), ("Text", False), ("File", False)]
    assert isinstance(pieces[-1], render.File) and pieces[-1].caption is None


# --- every message the renderer composes keeps Telegram's limits --------------------------

_PROMPTS = load_prompts()
KEYS = sorted(_PROMPTS.messages["en"])
LABELS = [key for key in KEYS if key.startswith("buttons.")]
LONG = st.builds(
    lambda chunk, times: (chunk * times)[:5000],
    st.lists(st.one_of(st.text(UNICODE, max_size=8), ODD, MARKUP, ASTRAL), min_size=1).map(
        " ".join
    ),
    st.integers(1, 5000),
)
VALUES = st.one_of(st.text(UNICODE, max_size=40), LONG, st.integers(0, 10**9))
WORDY = st.text(UNICODE, max_size=40).map(lambda v: f"a{v}") | LONG.map(lambda v: f"a {v}")


@st.composite
def said(draw: st.DrawFn, keys: list[str], values: st.SearchStrategy[object] = VALUES) -> Say:
    """One prompt with every placeholder filled in with something drawn."""
    key = draw(st.sampled_from(keys))
    names = _PROMPTS.messages["en"][key].placeholders
    return Say(key, {name: draw(values) for name in sorted(names)})


def telegram_takes(text: str, limit: int = TELEGRAM_TEXT_LIMIT) -> None:
    """Raises as the fake Bot API does for a message Telegram would refuse."""
    plain, _ = parse_text(text, "HTML", None)
    (check_text if limit == TELEGRAM_TEXT_LIMIT else check_caption)(plain)


@settings(deadline=None, max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(said(KEYS), min_size=1, max_size=4),
    st.lists(said(LABELS, WORDY), max_size=3),
    st.sampled_from(["none", "photo", "file"]),
)
def test_every_message_composed_fits_whatever_was_filled_in(
    parts: list[Say], labels: list[Say], extra: str
) -> None:
    buttons = tuple(Button(label, f"flg:{n}") for n, label in enumerate(labels, start=1))
    photo = Photo(b"png", parts[0]) if extra == "photo" else None
    files = (CSV,) if extra == "file" else ()
    reply = Reply(tuple(parts), buttons, documents=files, photo=photo)
    for piece in render.pieces(_PROMPTS, reply, "en"):
        if isinstance(piece, render.Text):
            telegram_takes(piece.text)
            rows = (
                piece.markup.inline_keyboard
                if isinstance(piece.markup, InlineKeyboardMarkup)
                else ()
            )
            for row in rows:
                for button in row:
                    assert 0 < telegram_length(button.text, None) <= BUTTON_TEXT_LIMIT
                    assert button.text.strip()
        elif not isinstance(piece, render.Voice):
            telegram_takes(piece.caption or "x", CAPTION_LIMIT)
    for toast in parts:
        assert telegram_length(fit_label(_PROMPTS, toast, "en", TOAST_LIMIT), None) <= TOAST_LIMIT
