"""The outbox's JSON for a message: a round trip gives back the same reply; anything else fails."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from bot.core import (
    Button,
    Document,
    Photo,
    Reply,
    Say,
    UnreadableReply,
    reply_from_json,
    reply_to_json,
)

EVERYTHING = Reply(
    parts=(
        Say("checkin.hello", {"project": "Firth Park “Coffee” & <Cake>"}),
        Say("note.closed_itself", {"place": "Hall", "count": 3}),
        Say("checkin.how"),
        Say("test.values", {"ratio": 0.5, "yes": True, "none": None, "emoji": "☕ ü"}),
    ),
    buttons=(
        Button(Say("buttons.checkin_good"), "chk:1:0:good"),
        Button(Say("buttons.checkin_ok"), "chk:1:0:ok", beside=True),
        Button(Say("buttons.reviewed_n", {"number": 2}), "flg:7"),
    ),
    html=("<b>Week of 16 Nov</b>\n• “Loved it” — Person K7", "part two"),
    documents=(
        Document(Say("digest.csv_file", {"week": "2026-11-16"}), content="a,b\r\n1,“2”\r\n"),
        Document(Say("mydata.filename"), lines=(Say("mydata.title"), Say("x", {"n": 1}))),
    ),
)


@pytest.mark.parametrize(
    "reply",
    [
        EVERYTHING,
        Reply(()),
        Reply.of("care.alert", pseudonym="K7", text="I can't cope"),
        Reply((), html=("Only HTML",)),
        # A digest's chart: any bytes survive (a PNG is binary), with its caption's values.
        Reply((), photo=Photo(bytes(range(256)), Say("chart.weekly.alt", {"total": 3}))),
    ],
)
def test_a_round_trip_gives_back_the_same_reply(reply: Reply) -> None:
    stored = reply_to_json(reply)
    assert reply_from_json(stored) == reply
    assert reply_to_json(reply_from_json(stored)) == stored
    assert isinstance(json.loads(stored), dict)


def test_what_people_wrote_is_kept_as_written() -> None:
    stored = reply_to_json(EVERYTHING)
    assert "“Coffee” & <Cake>" in stored and "☕ ü" in stored  # not escaped twice, nor \u-coded


@pytest.mark.parametrize(
    "reply",
    [
        Reply((), menu=(Say("buttons.note"),)),
        Reply((), toast=Say("general.stale_button")),
        Reply((), keep_buttons=True),
        Reply.of("report.intro", day=date(2026, 11, 16)),  # a date: render it to text first
        Reply.of("report.intro", names=["a", "b"]),
    ],
)
def test_what_the_outbox_cannot_carry_is_refused_when_queued(reply: Reply) -> None:
    with pytest.raises(ValueError, match=r"outbox carries|not text or a number"):
        reply_to_json(reply)


def _with(**changes: object) -> str:
    data = json.loads(reply_to_json(EVERYTHING))
    for path, value in changes.items():
        *parents, last = path.split("__")
        target = data
        for name in parents:
            target = target[int(name)] if name.isdigit() else target[name]
        if value is KeyError:
            del target[int(last) if last.isdigit() else last]
        else:
            target[int(last) if last.isdigit() else last] = value
    return json.dumps(data)


def test_a_message_without_a_picture_is_stored_as_before_pictures() -> None:
    """Rows queued before the outbox carried pictures have no "photo" field, and still read."""
    assert "photo" not in json.loads(reply_to_json(EVERYTHING))
    stored = reply_to_json(Reply((), photo=Photo(b"\x89PNG", Say("chart.weekly.alt"))))
    assert json.loads(stored)["photo"] == {
        "png": "iVBORw==",
        "caption": {"key": "chart.weekly.alt", "params": {}},
    }


def _with_photo(photo: object) -> str:
    data = json.loads(reply_to_json(EVERYTHING))
    data["photo"] = photo
    return json.dumps(data)


@pytest.mark.parametrize(
    ("stored", "reason"),
    [
        (_with_photo({"png": "not base64!", "caption": {"key": "k", "params": {}}}), "not base64"),
        (_with_photo({"png": 7, "caption": {"key": "k", "params": {}}}), "a picture is not text"),
        (_with_photo({"png": ""}), "a picture does not have exactly the fields"),
        (_with_photo({"png": "", "caption": "hi"}), "a picture's caption does not have exactly"),
        (_with_photo(None), "a picture does not have exactly the fields"),
    ],
)
def test_a_bad_picture_is_unreadable_with_a_reason(stored: str, reason: str) -> None:
    with pytest.raises(UnreadableReply, match=re.escape(reason)):
        reply_from_json(stored)


@pytest.mark.parametrize(
    ("stored", "reason"),
    [
        ("", "not JSON"),
        ('{"v": 1, "parts": [', "not JSON"),
        ("[]", "the message does not have exactly the fields"),
        ("null", "the message does not have exactly the fields"),
        (_with(v=2), "unknown version 2"),
        (_with(v=True), "its version is not a whole number"),
        (_with(v="1"), "its version is not a whole number"),
        (_with(colour="red"), "the message does not have exactly the fields"),
        (_with(html=KeyError), "the message does not have exactly the fields"),
        (_with(parts="hello"), "parts is not a list"),
        (_with(parts__0__key=7), "a prompt key is not text"),
        (_with(parts__0__extra=1), "a part does not have exactly the fields"),
        (_with(parts__0__params=["x"]), "not text or numbers"),
        (_with(parts__0__params={"p": {"nested": 1}}), "not text or numbers"),
        (_with(buttons__0__beside="yes"), "beside is not true or false"),
        (_with(buttons__0__data=None), "a button's data is not text"),
        (_with(buttons__0__label="Good"), "a button's label does not have exactly"),
        (_with(html__0=["nested"]), "an html part is not text"),
        (_with(documents__0__content=12), "a file's content is not text"),
        (_with(documents__1__lines="x"), "a file's lines is not a list"),
        (_with(documents__0__filename=KeyError), "a file does not have exactly the fields"),
    ],
)
def test_anything_else_is_unreadable_with_a_reason(stored: str, reason: str) -> None:
    with pytest.raises(UnreadableReply, match=re.escape(reason)):
        reply_from_json(stored)
