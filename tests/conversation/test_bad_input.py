"""Odd input gets a kind answer or is deliberately ignored; nothing crashes, nothing is lost."""

from __future__ import annotations

import pytest

from storage.models import Comment, Dialogue, Person
from tests.support.harness import Harness, joined, texts

ANN = 8001


@pytest.fixture
async def member(harness: Harness, invite_code: str) -> int:
    calls = await harness.send(ANN, f"/start {invite_code}")
    await harness.press_button(ANN, calls, "Yes")
    return ANN


STICKER = {
    "file_id": "s",
    "file_unique_id": "su",
    "type": "regular",
    "width": 512,
    "height": 512,
    "is_animated": False,
    "is_video": False,
}
PHOTO = [{"file_id": "p", "file_unique_id": "pu", "width": 90, "height": 90}]


@pytest.mark.parametrize(
    "fields",
    [
        {"sticker": STICKER},
        {"photo": PHOTO, "caption": "our hall"},
        {"location": {"latitude": 53.4, "longitude": -1.47}},
        {"contact": {"phone_number": "+440000", "first_name": "Bob"}},
    ],
    ids=["sticker", "photo", "location", "contact"],
)
async def test_things_we_cannot_read_get_a_kind_answer(
    harness: Harness, member: int, fields: dict[str, object]
) -> None:
    calls = await harness.send_raw(member, **fields)
    assert "only read words and voice messages" in joined(calls)
    assert await harness.count(Comment) == 0


async def test_nul_characters_are_dropped_and_the_words_kept(harness: Harness, member: int) -> None:
    """PostgreSQL refuses NUL in text: it is removed, the rest is stored and thanked for."""
    calls = await harness.send(member, "The tea\x00 was cold\x00")
    assert "anything you'd change" in joined(calls)  # the answer was taken, the next question
    (comment,) = await harness.rows(Comment)
    assert comment.text == "The tea was cold"


async def test_very_long_text_is_kept_whole(harness: Harness, member: int) -> None:
    long_text = "We need a ramp at the side door. " * 200
    calls = await harness.send(member, long_text)
    assert all(len(t) <= 4096 for t in texts(calls))
    (comment,) = await harness.rows(Comment)
    assert comment.text == long_text


@pytest.mark.parametrize(
    "words",
    [
        "🎉🎉 ❤️",
        "שלום, ما رأيك؟",
        "<script>alert(1)</script> & <b>",
        "a\u0000b".replace("\u0000", ""),
    ],
)
async def test_emoji_rtl_and_markup_are_stored_exactly(
    harness: Harness, member: int, words: str
) -> None:
    calls = await harness.send(member, words)
    assert texts(calls)  # a reply that the strict HTML check in the fake accepted
    (comment,) = await harness.rows(Comment)
    assert comment.text == words


async def test_unknown_command(harness: Harness, member: int) -> None:
    assert "don't know that one" in joined(await harness.send(member, "/bingo"))
    assert await harness.count(Comment) == 0


@pytest.mark.parametrize(
    "data",
    [
        "",
        "x" * 64,
        "skip:1:7",
        "skip:99999:0",
        "pick:1",
        "forget:yes",
        "forget:maybe",
        "skip:-1:0",
        "🙂",
    ],
)
async def test_forged_or_stale_buttons_change_nothing(
    harness: Harness, member: int, data: str
) -> None:
    before = (await harness.rows(Dialogue))[0].state
    calls = await harness.press(member, data)
    assert texts(calls) == []
    (answer,) = [c for c in calls if c.method == "answerCallbackQuery"]
    assert "earlier" in answer.params["text"]
    assert (await harness.rows(Dialogue))[0].state == before
    assert await harness.count(Person) == 1


async def test_consent_button_with_unknown_code_explains_and_keeps_nothing(
    harness: Harness,
) -> None:
    calls = await harness.press(ANN + 1, "join:yes:nope")
    assert "stopped working" in joined(calls)
    assert await harness.count(Person) == 0


async def test_old_skip_button_is_stale_after_answering(harness: Harness, member: int) -> None:
    await harness.send(member, "The dancing")
    calls = await harness.press(member, "skip:0:0")
    assert texts(calls) == []
    assert (await harness.rows(Dialogue))[0].state["index"] == 1


async def test_group_chats_are_not_collected(harness: Harness, member: int) -> None:
    group = {"id": -100123, "type": "group", "title": "Coffee morning"}
    quiet = await harness.feed(
        {"message": harness._message(member, chat=group, text="we love it here")}
    )
    assert quiet == []
    cmd = await harness.feed(
        {
            "message": harness._message(
                member,
                chat=group,
                text="/help",
                entities=[{"type": "bot_command", "offset": 0, "length": 5}],
            )
        }
    )
    assert "on my own" in joined(cmd)
    assert await harness.count(Comment) == 0


async def test_blocked_bot_marks_person_unreachable_without_crashing(
    harness: Harness, member: int
) -> None:
    harness.request.fail("sendMessage", 403, "Forbidden: bot was blocked by the user")
    await harness.send(member, "One more thing")
    assert await harness.count(Comment) == 1  # what they said is kept
    assert (await harness.rows(Person))[0].unreachable is True
    await harness.send(member, "Back again")  # writing again means they can be reached
    assert (await harness.rows(Person))[0].unreachable is False


@pytest.mark.parametrize(
    ("status", "description", "retry_after"),
    [
        (429, "Too Many Requests: retry after 1", 1),
        (502, "Bad Gateway", None),
        (500, "Internal Server Error", None),
    ],
)
async def test_telegram_errors_are_retried(
    harness: Harness, member: int, status: int, description: str, retry_after: int | None
) -> None:
    harness.request.fail("sendMessage", status, description, retry_after=retry_after, count=2)
    calls = await harness.send(member, "Tea was lovely")
    sends = [c for c in calls if c.method == "sendMessage"]
    assert len(sends) == 3  # two failures, then delivered
    assert await harness.count(Comment) == 1
