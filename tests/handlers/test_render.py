"""The one renderer for replies and the outbox: which Telegram messages a reply makes."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup

from bot.core import Button, Document, Reply, Say, split_message
from handlers import render
from prompts import Prompts

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


def test_a_long_text_is_split_with_the_buttons_under_its_last_part(prompts: Prompts) -> None:
    said = "\n".join("We talked about the &lt;hall&gt; " * 20 for _ in range(30))
    reply = Reply((Say("youdid.you_said", {"said": said}),), (TICK,))
    pieces = render.pieces(prompts, reply, "en")
    text = prompts.text("youdid.you_said", said=said)
    assert [p.text for p in pieces if isinstance(p, render.Text)] == split_message(text)
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
