"""The fake Telegram server keeps Telegram's rules: driven with a real PTB Bot and raw HTTP."""

from __future__ import annotations

import asyncio
import datetime as dtm
import io
import itertools
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from aiohttp import web
from PIL import Image
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, MessageEntity, Update
from telegram.error import BadRequest, Forbidden, InvalidToken, NetworkError, RetryAfter

from tests.fake_telegram import FakeTelegram
from tests.fake_telegram.html_entities import parse_html
from tests.fake_telegram.spec import default_spec_path

USER = 42
HAVE_SPEC = default_spec_path().is_file()
needs_spec = pytest.mark.skipif(not HAVE_SPEC, reason="Bot API spec file not available")


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    server = FakeTelegram()
    await server.start()
    try:
        yield server
    finally:
        await server.stop()
    # Whatever a test did, every answer the fake produced must fit the spec.
    assert server.self_check_errors == []


@pytest.fixture
async def bot(fake: FakeTelegram) -> AsyncIterator[Bot]:
    async with Bot(fake.token, base_url=fake.base_url, base_file_url=fake.base_file_url) as b:
        yield b


@pytest.fixture
async def http(fake: FakeTelegram) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=f"{fake.base_url}{fake.token}/") as client:
        yield client


def seconds(value: int | float | dtm.timedelta) -> float:
    """RetryAfter.retry_after is an int or a timedelta depending on PTB_TIMEDELTA."""
    return value.total_seconds() if isinstance(value, dtm.timedelta) else float(value)


# --- connecting and polling ---


async def test_initialize_calls_get_me(fake: FakeTelegram, bot: Bot) -> None:
    assert bot.username == "natter_test_bot"
    assert bot.id == 123456
    assert fake.calls[0][0] == "getMe"
    me = await bot.get_me()
    assert me.is_bot
    assert me.can_join_groups is True
    assert fake.violations == []


async def test_queued_update_arrives_with_command_entity(fake: FakeTelegram, bot: Bot) -> None:
    queued = fake.user_sends_text(USER, "/start abc", first_name="Ada")
    updates = await bot.get_updates(timeout=1)
    assert [u.update_id for u in updates] == [queued["update_id"]]
    update = updates[0]
    assert isinstance(update, Update)
    assert update.message is not None
    assert update.message.text == "/start abc"
    assert update.message.chat.type == "private"
    assert update.message.from_user is not None
    assert update.message.from_user.first_name == "Ada"
    assert update.message.entities == (MessageEntity(MessageEntity.BOT_COMMAND, 0, 6),)
    assert fake.violations == []


async def test_command_entity_counts_utf16_units(fake: FakeTelegram) -> None:
    update = fake.user_sends_text(USER, "😀 /help@natter_test_bot now")
    # The emoji is two UTF-16 code units, then a space.
    assert update["message"]["entities"] == [{"type": "bot_command", "offset": 3, "length": 21}]
    assert "entities" not in fake.user_sends_text(USER, "no command")["message"]


async def test_long_poll_waits_for_a_new_update(fake: FakeTelegram, bot: Bot) -> None:
    poll = asyncio.create_task(bot.get_updates(timeout=10))
    await asyncio.sleep(0.3)
    assert not poll.done()
    started = time.monotonic()
    fake.user_sends_text(USER, "hello")
    updates = await asyncio.wait_for(poll, 5)
    assert time.monotonic() - started < 2
    assert [u.message.text for u in updates if u.message] == ["hello"]


async def test_empty_long_poll_returns_after_its_timeout(bot: Bot) -> None:
    started = time.monotonic()
    assert await bot.get_updates(timeout=1) == ()
    assert 0.9 <= time.monotonic() - started < 3


async def test_offset_confirms_updates(fake: FakeTelegram, bot: Bot) -> None:
    fake.user_sends_text(USER, "one")
    fake.user_sends_text(USER, "two")
    first = await bot.get_updates(timeout=0)
    assert len(first) == 2
    again = await bot.get_updates(timeout=0)
    assert len(again) == 2  # not confirmed yet
    assert await bot.get_updates(offset=first[-1].update_id + 1, timeout=0) == ()
    fake.user_sends_text(USER, "three")
    rest = await bot.get_updates(offset=first[-1].update_id + 1, timeout=0)
    assert [u.message.text for u in rest if u.message] == ["three"]


async def test_second_poller_terminates_the_first_with_409(
    fake: FakeTelegram, http: httpx.AsyncClient
) -> None:
    older = asyncio.create_task(http.post("getUpdates", data={"timeout": "10"}, timeout=20))
    await asyncio.sleep(0.3)
    newer = await http.post("getUpdates", data={"timeout": "0"})
    answer = await asyncio.wait_for(older, 5)
    assert newer.json() == {"ok": True, "result": []}
    assert answer.status_code == 409
    assert answer.json()["description"].startswith("Conflict: terminated by other getUpdates")
    assert len(fake.violations) == 1


async def test_allowed_updates_filter_delivery(fake: FakeTelegram, bot: Bot) -> None:
    sent = await _greet(fake, bot, markup=_keyboard("yes"))
    fake.user_presses(USER, sent.message_id, "yes")
    fake.user_sends_text(USER, "text")
    updates = await bot.get_updates(timeout=0, allowed_updates=["callback_query"])
    assert [u.callback_query is not None for u in updates] == [True]


# --- sending text and HTML ---


async def _greet(fake: FakeTelegram, bot: Bot, markup: InlineKeyboardMarkup | None = None) -> Any:
    fake.user_sends_text(USER, "/start")
    await bot.send_message(USER, "Hello", reply_markup=markup)
    return fake.sent[-1]


def _keyboard(*data: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(d.upper(), callback_data=d)] for d in data])


async def test_good_html_is_parsed_into_entities(fake: FakeTelegram, bot: Bot) -> None:
    fake.user_sends_text(USER, "/start")
    message = await bot.send_message(USER, "<b>Hi</b> &amp; <i>there</i> &lt;3", parse_mode="HTML")
    assert message.text == "Hi & there <3"
    assert [(e.type, e.offset, e.length) for e in message.entities] == [
        ("bold", 0, 2),
        ("italic", 5, 5),
    ]
    assert message.from_user is not None and message.from_user.is_bot
    sent = await fake.next_message(USER)
    assert sent.text == "<b>Hi</b> &amp; <i>there</i> &lt;3"
    assert sent.plain_text == "Hi & there <3"
    assert sent.parse_mode == "HTML"
    assert fake.violations == []


@pytest.mark.parametrize("text", ["<b>x", "a < b", "&foo;", "<br>", "<b>x</i>"])
async def test_bad_html_is_rejected(fake: FakeTelegram, bot: Bot, text: str) -> None:
    fake.user_sends_text(USER, "/start")
    with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
        await bot.send_message(USER, text, parse_mode="HTML")
    assert fake.sent == []
    assert len(fake.violations) == 1
    assert "sendMessage" in fake.violations[0]


async def test_plain_text_may_contain_html_characters(fake: FakeTelegram, bot: Bot) -> None:
    fake.user_sends_text(USER, "/start")
    message = await bot.send_message(USER, "a < b & <c>")
    assert message.text == "a < b & <c>"
    assert fake.violations == []


async def test_unknown_parse_mode_is_rejected(fake: FakeTelegram, bot: Bot) -> None:
    fake.user_sends_text(USER, "/start")
    with pytest.raises(BadRequest, match=r"(?i)unsupported parse_mode"):
        await bot.send_message(USER, "x", parse_mode="BBCode")


async def test_text_length_limits(fake: FakeTelegram, bot: Bot) -> None:
    fake.user_sends_text(USER, "/start")
    await bot.send_message(USER, "x" * 4096)
    with pytest.raises(BadRequest, match=r"(?i)message is too long"):
        await bot.send_message(USER, "x" * 4097)
    with pytest.raises(BadRequest, match=r"(?i)message is too long"):
        await bot.send_message(USER, "😀" * 2049)  # 4098 UTF-16 code units
    # Markup does not count: 4096 visible characters inside <b> are fine.
    await bot.send_message(USER, "<b>" + "y" * 4096 + "</b>", parse_mode="HTML")
    with pytest.raises(BadRequest, match=r"(?i)message text is empty"):
        await bot.send_message(USER, "  \n ")
    assert len(fake.sent) == 2
    assert len(fake.violations) == 3


async def test_caption_limit(fake: FakeTelegram, bot: Bot) -> None:
    fake.user_sends_text(USER, "/start")
    with pytest.raises(BadRequest, match=r"(?i)message caption is too long"):
        await bot.send_document(USER, b"data", filename="a.txt", caption="c" * 1025)


async def test_chat_must_have_written_first(fake: FakeTelegram, bot: Bot) -> None:
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await bot.send_message(777, "hello")
    assert fake.violations == ["sendMessage -> 400 Bad Request: chat not found"]


# --- keyboards ---


async def test_callback_data_is_limited_to_64_bytes(fake: FakeTelegram, bot: Bot) -> None:
    fake.user_sends_text(USER, "/start")
    await bot.send_message(USER, "ok", reply_markup=_keyboard("d" * 64))
    for data in ("d" * 65, "é" * 33):  # 65 and 66 bytes
        with pytest.raises(BadRequest, match=r"(?i)BUTTON_DATA_INVALID"):
            await bot.send_message(USER, "no", reply_markup=_keyboard(data))
    assert len(fake.sent) == 1
    assert len(fake.violations) == 2


async def test_inline_button_needs_exactly_one_action(
    fake: FakeTelegram, http: httpx.AsyncClient
) -> None:
    fake.user_sends_text(USER, "/start")
    bare = '{"inline_keyboard": [[{"text": "A"}]]}'
    both = '{"inline_keyboard": [[{"text": "A", "callback_data": "a", "url": "https://x.org"}]]}'
    for markup in (bare, both):
        answer = await http.post(
            "sendMessage", data={"chat_id": str(USER), "text": "x", "reply_markup": markup}
        )
        assert answer.status_code == 400
        assert "inline keyboard button" in answer.json()["description"]
    assert len(fake.violations) == 2


@needs_spec
async def test_nested_markup_types_are_checked(fake: FakeTelegram, http: httpx.AsyncClient) -> None:
    fake.user_sends_text(USER, "/start")
    markup = '{"inline_keyboard": [[{"text": 5, "callback_data": "a"}]]}'
    answer = await http.post(
        "sendMessage", data={"chat_id": str(USER), "text": "x", "reply_markup": markup}
    )
    assert answer.status_code == 400
    assert "reply_markup.inline_keyboard[0][0].text" in answer.json()["description"]


# --- parameters and encodings ---


@needs_spec
async def test_unknown_parameter_is_rejected(
    fake: FakeTelegram, bot: Bot, http: httpx.AsyncClient
) -> None:
    fake.user_sends_text(USER, "/start")
    answer = await http.post("sendMessage", data={"chat_id": str(USER), "text": "x", "foo": "1"})
    assert answer.status_code == 400
    assert answer.json() == {
        "ok": False,
        "error_code": 400,
        "description": "Bad Request: unknown parameter foo",
    }
    with pytest.raises(BadRequest, match=r"(?i)unknown parameter reply_to_message_id"):
        await bot.send_message(USER, "x", api_kwargs={"reply_to_message_id": 1})
    assert len(fake.violations) == 2


@needs_spec
async def test_missing_and_mistyped_parameters(fake: FakeTelegram, http: httpx.AsyncClient) -> None:
    fake.user_sends_text(USER, "/start")
    missing = await http.post("sendMessage", data={"chat_id": str(USER)})
    assert missing.json()["description"] == "Bad Request: message text is empty"
    mistyped = await http.post("deleteMessage", data={"chat_id": str(USER), "message_id": "abc"})
    assert mistyped.status_code == 400
    assert 'field "message_id" must be of type Integer' in mistyped.json()["description"]
    assert len(fake.violations) == 2


async def test_json_body_and_query_string_are_accepted(
    fake: FakeTelegram, http: httpx.AsyncClient
) -> None:
    fake.user_sends_text(USER, "/start")
    by_json = await http.post("sendMessage", json={"chat_id": USER, "text": "via json"})
    by_query = await http.get("sendMessage", params={"chat_id": str(USER), "text": "12"})
    assert by_json.json()["result"]["text"] == "via json"
    assert by_query.json()["result"]["text"] == "12"  # a String field stays a string
    assert [m.text for m in fake.sent] == ["via json", "12"]


async def test_unknown_and_unimplemented_methods(
    fake: FakeTelegram, http: httpx.AsyncClient
) -> None:
    nonsense = await http.post("sendTelepathy")
    assert (nonsense.status_code, nonsense.json()["description"]) == (404, "Not Found")
    if HAVE_SPEC:
        fake.user_sends_text(USER, "/start")
        real = await http.post("sendDice", data={"chat_id": str(USER)})
        assert real.status_code == 400
        assert "not implemented" in real.json()["description"]
    assert len(fake.violations) == (2 if HAVE_SPEC else 1)


async def test_wrong_token_is_unauthorized(fake: FakeTelegram) -> None:
    with pytest.raises(InvalidToken):
        async with Bot("123456:WRONG", base_url=fake.base_url):
            pass
    assert fake.violations == ["getMe -> 401 Unauthorized"]


# --- faults and limits ---


async def test_injected_429_surfaces_as_retry_after(fake: FakeTelegram, bot: Bot) -> None:
    fake.user_sends_text(USER, "/start")
    fake.fail_next("sendMessage", 429, retry_after=7)
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(USER, "x")
    assert seconds(caught.value.retry_after) == 7
    await bot.send_message(USER, "x")  # only the next call fails
    assert len(fake.sent) == 1
    assert fake.violations == []
    assert fake.injected == ["sendMessage -> 429 Too Many Requests: retry after 7"]


@pytest.mark.parametrize("status", [500, 502])
async def test_injected_server_errors_are_network_errors(
    fake: FakeTelegram, bot: Bot, status: int
) -> None:
    fake.user_sends_text(USER, "/start")
    fake.fail_next("sendMessage", status, count=2)
    for _ in range(2):
        with pytest.raises(NetworkError) as caught:
            await bot.send_message(USER, "x")
        assert not isinstance(caught.value, BadRequest)
    await bot.send_message(USER, "x")
    assert len(fake.sent) == 1


async def test_blocked_user_gives_forbidden(fake: FakeTelegram, bot: Bot) -> None:
    fake.user_sends_text(USER, "/start")
    fake.block_bot(USER)
    with pytest.raises(Forbidden, match=r"(?i)bot was blocked by the user"):
        await bot.send_message(USER, "x")
    with pytest.raises(AssertionError, match=r"(?i)blocked"):
        fake.user_sends_text(USER, "hi")
    fake.unblock_bot(USER)
    await bot.send_message(USER, "x")
    assert fake.violations == []  # blocking is the user's doing, not a bot error
    assert len(fake.forbidden) == 1
    kinds = [next(k for k in u if k != "update_id") for u in fake.pending_updates()]
    assert kinds == ["message", "my_chat_member", "my_chat_member"]


async def test_rate_limiter_answers_429_to_a_burst(fake: FakeTelegram, bot: Bot) -> None:
    fake.user_sends_text(USER, "/start")
    for n in range(3):
        await bot.send_message(USER, f"m{n}")
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(USER, "too fast")
    assert seconds(caught.value.retry_after) >= 1
    assert len(fake.rate_limited) == 1
    assert fake.violations == []
    await asyncio.sleep(1.1)  # one token refills per second
    await bot.send_message(USER, "later")
    assert [m.text for m in fake.sent] == ["m0", "m1", "m2", "later"]


async def test_rate_limits_can_be_disabled() -> None:
    fake = FakeTelegram(rate_limits=False)
    await fake.start()
    try:
        async with Bot(fake.token, base_url=fake.base_url) as bot:
            fake.user_sends_text(USER, "/start")
            for n in range(10):
                await bot.send_message(USER, f"m{n}")
    finally:
        await fake.stop()
    assert len(fake.sent) == 10
    assert fake.rate_limited == []


# --- files ---


async def test_send_document_uploads_bytes(fake: FakeTelegram, bot: Bot) -> None:
    fake.user_sends_text(USER, "/start")
    message = await bot.send_document(
        USER, b"hello,world\n", filename="export.csv", caption="<b>Your</b> data", parse_mode="HTML"
    )
    assert message.document is not None
    assert message.document.file_name == "export.csv"
    assert message.document.file_size == 12
    assert message.caption == "Your data"
    sent = fake.sent[-1]
    assert (sent.method, sent.document_name, sent.document_bytes) == (
        "sendDocument",
        "export.csv",
        b"hello,world\n",
    )
    assert sent.text == "<b>Your</b> data"
    file = await bot.get_file(message.document.file_id)
    assert bytes(await file.download_as_bytearray()) == b"hello,world\n"
    # Re-sending by file_id works; an unknown file_id does not.
    await bot.send_document(USER, message.document.file_id)
    with pytest.raises(BadRequest, match=r"(?i)wrong file identifier"):
        await bot.send_document(USER, "no-such-file")
    assert fake.violations == [
        "sendDocument -> 400 Bad Request: wrong file identifier/HTTP URL specified"
    ]


def png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(out, format="PNG")
    return out.getvalue()


async def test_send_photo_and_reply_parameters(fake: FakeTelegram, bot: Bot) -> None:
    asked = fake.user_sends_text(USER, "a photo please")["message"]["message_id"]
    chart = png(120, 68)
    message = await bot.send_photo(USER, chart, filename="chart.png", reply_to_message_id=asked)
    assert message.photo and (message.photo[0].width, message.photo[0].height) == (120, 68)
    assert message.reply_to_message is not None
    assert message.reply_to_message.text == "a photo please"
    assert fake.sent[-1].document_bytes == chart
    with pytest.raises(BadRequest, match=r"(?i)message to be replied not found"):
        await bot.send_message(USER, "x", reply_to_message_id=999)
    await bot.send_message(USER, "x", reply_to_message_id=999, allow_sending_without_reply=True)
    assert [m.method for m in fake.sent] == ["sendPhoto", "sendMessage"]


@pytest.mark.parametrize(
    ("photo", "refusal"),
    [
        (b"\x89PNG not really", "IMAGE_PROCESS_FAILED"),
        (png(6000, 4001), "PHOTO_INVALID_DIMENSIONS"),  # width and height over 10000 in total
        (png(2100, 100), "PHOTO_INVALID_DIMENSIONS"),  # a ratio over 20
        (b"\x89PNG" + bytes(10 * 1024 * 1024), "PHOTO_SAVE_FILE_INVALID"),  # over 10 MB
    ],
)
async def test_a_photo_telegram_would_refuse_is_refused(
    fake: FakeTelegram, bot: Bot, photo: bytes, refusal: str
) -> None:
    fake.user_sends_text(USER, "hello")
    with pytest.raises(BadRequest, match=f"(?i){refusal}"):  # PTB capitalises it
        await bot.send_photo(USER, photo, filename="chart.png")
    assert fake.messages_to(USER) == []
    await bot.send_photo(USER, png(2000, 100), filename="chart.png")  # a ratio of 20 is fine


async def test_user_voice_file_can_be_downloaded(fake: FakeTelegram, bot: Bot) -> None:
    voice = fake.add_file(b"OggS...", mime_type="audio/ogg")
    fake.user_sends(USER, {"voice": {**voice, "duration": 3, "mime_type": "audio/ogg"}})
    (update,) = await bot.get_updates(timeout=0)
    assert update.message is not None and update.message.voice is not None
    file = await update.message.voice.get_file()
    assert bytes(await file.download_as_bytearray()) == b"OggS..."


@needs_spec
async def test_user_sends_checks_the_message_shape(fake: FakeTelegram) -> None:
    with pytest.raises(AssertionError, match=r"(?i)duration"):
        fake.user_sends(USER, {"voice": {"file_id": "v", "file_unique_id": "u"}})


# --- callbacks, edits, deletes ---


async def test_pressing_a_real_button(fake: FakeTelegram, bot: Bot) -> None:
    sent = await _greet(fake, bot, markup=_keyboard("yes", "no"))
    assert sent.buttons() == [("YES", "yes"), ("NO", "no")]
    with pytest.raises(AssertionError, match=r"(?i)no button"):
        fake.user_presses(USER, sent.message_id, "maybe")
    with pytest.raises(AssertionError, match=r"(?i)no message"):
        fake.user_presses(USER, 999, "yes")
    fake.user_presses(USER, sent.message_id, "yes")
    updates = await bot.get_updates(timeout=0)
    query = updates[-1].callback_query
    assert query is not None
    assert query.data == "yes"
    assert query.message is not None and query.message.message_id == sent.message_id
    assert await query.answer("Thanks")
    assert fake.callback_answers[-1]["text"] == "Thanks"
    with pytest.raises(BadRequest, match=r"(?i)query is too old"):
        await query.answer()


async def test_forged_press_needs_no_button(fake: FakeTelegram, bot: Bot) -> None:
    sent = await _greet(fake, bot)
    fake.user_presses_forged(USER, sent.message_id, "evil:1")
    fake.user_presses_forged(USER, 12345, "evil:2")  # a message that does not exist
    updates = await bot.get_updates(timeout=0)
    assert [u.callback_query.data for u in updates if u.callback_query] == ["evil:1", "evil:2"]


async def test_stale_callback_query_cannot_be_answered(fake: FakeTelegram, bot: Bot) -> None:
    sent = await _greet(fake, bot, markup=_keyboard("go"))
    query_id = fake.user_presses(USER, sent.message_id, "go")["callback_query"]["id"]
    fake.world.callbacks[query_id].created -= 16
    with pytest.raises(BadRequest, match=r"(?i)query is too old"):
        await bot.answer_callback_query(query_id)


async def test_editing_updates_the_sent_message(fake: FakeTelegram, bot: Bot) -> None:
    sent = await _greet(fake, bot, markup=_keyboard("a"))
    with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
        await bot.edit_message_text("Hello", USER, sent.message_id, reply_markup=_keyboard("a"))
    await bot.edit_message_text("<i>Bye</i>", USER, sent.message_id, parse_mode="HTML")
    assert sent.text == "<i>Bye</i>"
    assert sent.plain_text == "Bye"
    assert sent.edits == ["Hello"]
    assert sent.reply_markup is None  # omitting reply_markup removes the keyboard
    assert len(fake.sent) == 1
    await bot.edit_message_reply_markup(USER, sent.message_id, reply_markup=_keyboard("b"))
    assert sent.buttons() == [("B", "b")]
    with pytest.raises(BadRequest, match=r"(?i)message to edit not found"):
        await bot.edit_message_text("x", USER, 999)


async def test_deleted_message_cannot_be_pressed(fake: FakeTelegram, bot: Bot) -> None:
    sent = await _greet(fake, bot, markup=_keyboard("a"))
    assert await bot.delete_message(USER, sent.message_id)
    assert sent.deleted
    with pytest.raises(AssertionError):
        fake.user_presses(USER, sent.message_id, "a")
    with pytest.raises(BadRequest, match=r"(?i)message to delete not found"):
        await bot.delete_message(USER, sent.message_id)


async def test_user_edits_and_group_messages(fake: FakeTelegram, bot: Bot) -> None:
    first = fake.user_sends_text(USER, "helo")
    fake.user_edits(USER, first["message"]["message_id"], "hello")
    fake.user_sends_group_text(-100, USER, "/start@natter_test_bot")
    updates = await bot.get_updates(timeout=0)
    assert updates[1].edited_message is not None
    assert updates[1].edited_message.text == "hello"
    group = updates[2].message
    assert group is not None and group.chat.type == "group"
    assert group.entities[0].length == len("/start@natter_test_bot")
    await bot.send_message(-100, "hi group")
    with pytest.raises(AssertionError):
        fake.user_edits(USER, 999, "x")


# --- other methods ---


async def test_commands_roundtrip(fake: FakeTelegram, bot: Bot) -> None:
    assert await bot.set_my_commands([("start", "Begin"), ("help", "Get help")])
    commands = await bot.get_my_commands()
    assert [c.command for c in commands] == ["start", "help"]
    assert [c["command"] for c in fake.my_commands()] == ["start", "help"]
    with pytest.raises(BadRequest, match=r"(?i)BOT_COMMAND_INVALID"):
        await bot.set_my_commands([("Start", "Begin")])
    assert await bot.delete_my_commands()
    assert await bot.get_my_commands() == ()


async def test_chat_actions_webhook_and_close(fake: FakeTelegram, bot: Bot) -> None:
    fake.user_sends_text(USER, "/start")
    assert await bot.send_chat_action(USER, "typing")
    with pytest.raises(BadRequest, match=r"(?i)wrong parameter action"):
        await bot.send_chat_action(USER, "dancing")
    assert fake.chat_actions == [(USER, "typing")]
    assert await bot.delete_webhook(drop_pending_updates=True)
    assert (await bot.get_webhook_info()).pending_update_count == 0
    assert await bot.close()
    assert await bot.log_out()


async def test_webhook_sends_again_more_slowly_until_answered_2xx(
    fake: FakeTelegram, bot: Bot
) -> None:
    """As Telegram does: an update not answered 2xx is posted again, after a longer wait each
    time, and the next update waits its turn."""
    answers = [500, 502, 500, 200, 200]
    seen: list[int] = []

    async def hook(request: web.Request) -> web.Response:
        seen.append((await request.json())["update_id"])
        return web.Response(status=answers[len(seen) - 1])

    app = web.Application()
    app.router.add_post("/hook", hook)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    fake.api.webhook.retry_seconds = 0.05
    try:
        first, second = fake.user_sends_text(USER, "one"), fake.user_sends_text(USER, "two")
        assert await bot.set_webhook(f"http://127.0.0.1:{port}/hook")
        await fake.wait_until(lambda: len(fake.api.webhook.delivered) == 2, timeout=5)
    finally:
        await bot.delete_webhook()
        await runner.cleanup()
    assert seen == [first["update_id"]] * 4 + [second["update_id"]]
    assert fake.api.webhook.delivered == [first["update_id"], second["update_id"]]
    times = [t for _, t in fake.api.webhook.tries]
    waits = [later - earlier for earlier, later in itertools.pairwise(times[:4])]
    assert waits[0] >= 0.05 and waits[1] >= 0.1 and waits[2] >= 0.2, waits
    assert waits[0] < waits[1] < waits[2], waits


async def test_next_message_uses_a_cursor_and_times_out(fake: FakeTelegram, bot: Bot) -> None:
    fake.user_sends_text(USER, "/start")
    waiter = asyncio.create_task(fake.next_message(USER, timeout=5))
    await asyncio.sleep(0.1)
    await bot.send_message(USER, "one")
    await bot.send_message(USER, "two")
    assert (await waiter).text == "one"
    assert (await fake.next_message(USER)).text == "two"
    with pytest.raises(AssertionError, match=r"(?i)'one'"):
        await fake.next_message(USER, timeout=0.2)


async def test_works_without_a_spec_file(tmp_path: Path) -> None:
    fake = FakeTelegram(spec_path=tmp_path / "missing.json")
    assert fake.spec is None
    await fake.start()
    try:
        async with Bot(fake.token, base_url=fake.base_url) as bot:
            fake.user_sends_text(USER, "/start")
            message = await bot.send_message(USER, "<b>x</b>", parse_mode="HTML")
            assert message.text == "x"
            with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
                await bot.send_message(USER, "<b>x", parse_mode="HTML")
    finally:
        await fake.stop()


# --- the HTML parser on its own ---


@pytest.mark.parametrize(
    ("html", "error"),
    [
        ("<b>x", 'Can\'t find end tag corresponding to start tag "b"'),
        ("a < b", 'Unsupported start tag "" at byte offset 2'),
        ("é<u>x</b>", 'Unmatched end tag at byte offset 6, expected "</u>", found "</b>"'),
        ("<span>x</span>", 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
        ("</i>", "Unexpected end tag at byte offset 0"),
        ("x &nbsp; y", 'Unescaped "&" at byte offset 2'),
        ("<a href", "Expected equal sign"),
    ],
)
def test_html_parser_errors(html: str, error: str) -> None:
    with pytest.raises(ValueError, match=error.replace("(", r"\(")) as caught:
        parse_html(html)
    assert str(caught.value).startswith(error)


def test_html_parser_entities() -> None:
    text, entities = parse_html(
        '😀<b>bold <i>both</i></b> <a href="https://e.org/?a=1&amp;b=2">link</a> '
        '<pre><code class="language-python">x = 1</code></pre>'
        "<blockquote expandable>q</blockquote><tg-spoiler>s</tg-spoiler>"
    )
    assert text == "😀bold both link x = 1qs"
    assert entities == [
        {"type": "bold", "offset": 2, "length": 9},
        {"type": "italic", "offset": 7, "length": 4},
        {"type": "text_link", "offset": 12, "length": 4, "url": "https://e.org/?a=1&b=2"},
        {"type": "pre", "offset": 17, "length": 5, "language": "python"},
        {"type": "expandable_blockquote", "offset": 22, "length": 1},
        {"type": "spoiler", "offset": 23, "length": 1},
    ]
