"""The pacer: Telegram's limits kept, no chat held up by another, help for danger first."""

from __future__ import annotations

import asyncio
import itertools
import time

from bot.delivery.pacing import Pacer, Urgency

# Short intervals keep the tests quick; the rules are the same at Telegram's real ones.
INTERVAL = 0.3


async def _timed(pacer: Pacer, chat: int, urgency: Urgency = Urgency.REPLY) -> float:
    started = time.monotonic()
    await pacer.wait(chat, urgency)
    return time.monotonic() - started


async def test_a_chat_waiting_its_turn_holds_up_no_other_chat() -> None:
    pacer = Pacer(chat_interval=INTERVAL)
    await pacer.wait(1)
    second_to_one = asyncio.create_task(_timed(pacer, 1))
    await asyncio.sleep(0.05)
    assert await _timed(pacer, 2) < 0.1
    assert await second_to_one >= INTERVAL - 0.1


async def test_one_chats_messages_keep_their_order_and_spacing() -> None:
    pacer = Pacer(chat_interval=INTERVAL)
    done: list[tuple[int, float]] = []

    async def send(n: int) -> None:
        await pacer.wait(7)
        done.append((n, time.monotonic()))

    await asyncio.gather(*(send(n) for n in range(3)))
    assert [n for n, _ in done] == [0, 1, 2]
    gaps = [b - a for (_, a), (_, b) in itertools.pairwise(done)]
    assert all(gap >= INTERVAL for gap in gaps), gaps


async def test_help_for_danger_takes_the_next_overall_slot() -> None:
    pacer = Pacer(overall_per_second=2, chat_interval=INTERVAL)
    await pacer.wait(100)
    await pacer.wait(101)  # the overall limit is spent for this second
    order: list[str] = []

    async def send(chat: int, urgency: Urgency, name: str) -> None:
        await pacer.wait(chat, urgency)
        order.append(name)

    waiting = [asyncio.create_task(send(200 + n, Urgency.OUTBOX, f"digest {n}")) for n in range(3)]
    await asyncio.sleep(0.05)
    danger = asyncio.create_task(send(300, Urgency.DANGER, "help"))
    await asyncio.gather(*waiting, danger)
    assert order[0] == "help", order


async def test_help_for_danger_does_not_queue_behind_its_own_chat() -> None:
    pacer = Pacer(chat_interval=INTERVAL)
    await pacer.wait(5, Urgency.REPLY)
    assert await _timed(pacer, 5, Urgency.DANGER) < 0.1
    # What comes next to that chat still keeps the chat's interval after the help.
    assert await _timed(pacer, 5, Urgency.REPLY) >= INTERVAL - 0.1


async def test_a_429_holds_only_that_chat() -> None:
    pacer = Pacer(chat_interval=INTERVAL)
    pacer.hold(9, 1.0)
    assert pacer.busy_chats() == [9]
    held = asyncio.create_task(_timed(pacer, 9))
    assert await _timed(pacer, 10) < 0.1
    assert await held >= 1.0


async def test_the_overall_limit_holds_across_chats() -> None:
    pacer = Pacer(overall_per_second=5, chat_interval=INTERVAL)
    started = time.monotonic()
    finished: list[float] = []

    async def send(chat: int) -> None:
        await pacer.wait(chat)
        finished.append(time.monotonic() - started)

    await asyncio.gather(*(send(chat) for chat in range(12)))
    in_first_second = [t for t in finished if t < 1.0]
    assert len(in_first_second) == 5, finished
    assert max(finished) >= 2.0  # 12 at 5 a second: the last in the third second


async def test_a_cancelled_waiter_does_not_block_the_queue() -> None:
    pacer = Pacer(overall_per_second=1, chat_interval=INTERVAL)
    await pacer.wait(1)
    first = asyncio.create_task(pacer.wait(2))
    second = asyncio.create_task(_timed(pacer, 3))
    await asyncio.sleep(0.05)
    first.cancel()
    assert await second < 1.3
