"""One chat cannot slow everyone down: updates in order per chat and at once across chats,
replies paced per chat, and a 429 holding only the chat it was about."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from telegram import Update
from telegram.error import RetryAfter

from bot.delivery import Pacer, Urgency
from handlers.ordering import ChatOrderedProcessor, ChatTurns, chat_of
from handlers.pacing import ALREADY_PACED, DANGER, PacedRequests


def _update(update_id: int, chat: int) -> Update:
    message = {
        "message_id": update_id, "date": 0, "text": "hi",
        "chat": {"id": chat, "type": "private"},
        "from": {"id": chat, "is_bot": False, "first_name": "A"},
    }  # fmt: skip
    return Update.de_json({"update_id": update_id, "message": message}, None)


async def test_each_chat_in_order_and_chats_at_the_same_time() -> None:
    processor = ChatOrderedProcessor(ChatTurns(), concurrent=4)
    release = asyncio.Event()
    log: list[str] = []

    async def work(name: str, wait: bool = False) -> None:
        log.append(f"{name} start")
        if wait:
            await release.wait()
        log.append(f"{name} end")

    tasks = [
        asyncio.create_task(processor.process_update(_update(1, 10), work("a1", wait=True))),
        asyncio.create_task(processor.process_update(_update(2, 10), work("a2"))),
        asyncio.create_task(processor.process_update(_update(3, 20), work("b1"))),
    ]
    await asyncio.sleep(0.05)
    assert log == ["a1 start", "b1 start", "b1 end"]  # b went ahead; a2 waits for a1
    release.set()
    await asyncio.gather(*tasks)
    assert log[3:] == ["a1 end", "a2 start", "a2 end"]
    assert len(processor.turns) == 0  # nothing is remembered after


async def test_a_flooding_chat_takes_one_place_not_all() -> None:
    processor = ChatOrderedProcessor(ChatTurns(), concurrent=2)
    release = asyncio.Event()
    done: list[int] = []

    async def work(chat: int) -> None:
        if chat == 10:
            await release.wait()
        done.append(chat)

    flood = [
        asyncio.create_task(processor.process_update(_update(n, 10), work(10))) for n in range(50)
    ]
    others = [
        asyncio.create_task(processor.process_update(_update(100 + c, c), work(c)))
        for c in range(20, 26)
    ]
    await asyncio.wait_for(asyncio.gather(*others), timeout=2)
    assert sorted(done) == list(range(20, 26))
    release.set()
    await asyncio.gather(*flood)
    assert done.count(10) == 50


def test_an_update_belongs_to_its_chat() -> None:
    assert chat_of(_update(1, 77)) == 77
    assert chat_of(object()) is None


async def _send_ok(*_: Any, **__: Any) -> bool:
    return True


async def test_a_429_for_one_chat_holds_only_that_chat() -> None:
    limiter = PacedRequests(Pacer(chat_interval=0.05))
    calls: list[tuple[int, float]] = []
    started = time.monotonic()

    async def send(chat: int, refuse_first: bool) -> bool:
        calls.append((chat, time.monotonic() - started))
        if refuse_first and len([c for c, _ in calls if c == chat]) == 1:
            raise RetryAfter(1)
        return True

    async def call(chat: int, refuse_first: bool = False) -> Any:
        return await limiter.process_request(
            lambda: send(chat, refuse_first), (), {}, "sendMessage", {"chat_id": chat}, None
        )

    held = asyncio.create_task(call(1, refuse_first=True))
    await asyncio.sleep(0.05)
    assert await call(2) is True
    assert [c for c, _ in calls] == [1, 2]
    assert calls[1][1] < 0.5  # chat 2 did not wait out chat 1's 429
    assert await held is True
    assert calls[-1][0] == 1 and calls[-1][1] >= 1.0  # chat 1 tried again after its wait


async def test_what_is_not_a_message_is_not_paced() -> None:
    pacer = Pacer(overall_per_second=1, chat_interval=10)
    limiter = PacedRequests(pacer)
    started = time.monotonic()
    calls: list[tuple[str, dict[str, Any], Any]] = [
        ("getUpdates", {}, None),
        ("answerCallbackQuery", {"callback_query_id": "1"}, None),
        ("sendMessage", {"chat_id": 5}, ALREADY_PACED),
        ("sendMessage", {"chat_id": 5}, ALREADY_PACED),
    ]
    for endpoint, data, pace in calls:
        assert await limiter.process_request(_send_ok, (), {}, endpoint, data, pace) is True
    assert time.monotonic() - started < 0.5
    assert pacer.overall_delay() == 0  # nothing was counted against the limit


async def test_help_for_danger_goes_before_waiting_replies() -> None:
    pacer = Pacer(overall_per_second=1, chat_interval=0.05)
    limiter = PacedRequests(pacer)
    order: list[int] = []

    async def call(chat: int, pace: Any) -> None:
        async def send() -> bool:
            order.append(chat)
            return True

        await limiter.process_request(send, (), {}, "sendMessage", {"chat_id": chat}, pace)

    await call(1, None)  # the overall limit is spent for this second
    waiting = [asyncio.create_task(call(chat, None)) for chat in (2, 3)]
    await asyncio.sleep(0.05)
    await asyncio.gather(*waiting, call(4, DANGER))
    assert order == [1, 4, 2, 3]
    assert DANGER.urgency is Urgency.DANGER
