"""Keeping under Telegram's sending limits: overall per second, and per chat.

One Pacer per process paces everything Natter sends: replies to updates and the outbox. A
chat waiting for its own turn (one message a second to a person, 20 a minute to a group, or
as long as a 429 asked) never holds up other chats; when several messages are ready at once,
the overall slots go most urgent first, so help for someone in danger goes before anything else.
"""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import itertools
import time
from collections import deque
from collections.abc import Callable
from enum import IntEnum

OVERALL_PER_SECOND = 25  # under Telegram's 30, leaving room for network jitter
PRIVATE_CHAT_INTERVAL = 1.0
GROUP_CHAT_INTERVAL = 3.0  # 20 a minute
# A little slack, so network jitter can't squeeze two sends into one window at Telegram's end.
MARGIN = 0.05
FORGET_AFTER = 10_000  # chats remembered before those long past their interval are dropped


class Urgency(IntEnum):
    """Lower goes first."""

    DANGER = 1  # help for someone who may be in danger: not even their own chat's queue waits
    REPLY = 2  # answering what someone just sent
    OUTBOX = 3  # digests, check-ins and the like, sent on Natter's own initiative


class Pacer:
    def __init__(
        self,
        overall_per_second: int = OVERALL_PER_SECOND,
        clock: Callable[[], float] = time.monotonic,
        chat_interval: float = PRIVATE_CHAT_INTERVAL,
        group_interval: float = GROUP_CHAT_INTERVAL,
    ) -> None:
        self._overall = overall_per_second
        self._chat_interval, self._group_interval = chat_interval, group_interval
        self._clock = clock
        self._recent: deque[float] = deque(maxlen=overall_per_second)
        self._chat_next: dict[int, float] = {}
        self._queue: list[tuple[int, int]] = []  # (urgency, arrival) of those waiting for a slot
        self._arrivals = itertools.count()
        self._changed = asyncio.Event()

    def _overall_ready(self) -> float:
        if len(self._recent) == self._overall:
            return self._recent[0] + 1.0 + MARGIN
        return 0.0

    def overall_delay(self) -> float:
        """Seconds until any message may go (the overall limit), 0 if one may go now."""
        return max(0.0, self._overall_ready() - self._clock())

    def busy_chats(self) -> list[int]:
        """Chats that may not be sent to yet (so the sender can serve others meanwhile)."""
        now = self._clock()
        return [chat for chat, ready in self._chat_next.items() if ready > now]

    def hold(self, chat_id: int, seconds: float) -> None:
        """Telegram asked to wait (429) before sending to this chat again: only it waits."""
        until = self._clock() + seconds + MARGIN
        self._chat_next[chat_id] = max(self._chat_next.get(chat_id, 0.0), until)

    async def wait(self, chat_id: int, urgency: Urgency = Urgency.OUTBOX) -> None:
        """Return when a message to `chat_id` may go now, and count it as sent."""
        now = self._clock()
        interval = self._group_interval if chat_id < 0 else self._chat_interval
        # The slack belongs to a real interval: with none (tests lift pacing) nothing waits.
        spacing = interval + MARGIN if interval > 0 else 0.0
        if urgency is not Urgency.DANGER:
            # Take the chat's next turn before waiting, so its messages keep their order.
            turn = max(now, self._chat_next.get(chat_id, 0.0))
            self._chat_next[chat_id] = turn + spacing
            if turn > now:
                await asyncio.sleep(turn - now)
        await self._overall_slot(urgency)
        sent = self._clock()
        self._chat_next[chat_id] = max(self._chat_next.get(chat_id, 0.0), sent + spacing)
        if len(self._chat_next) > FORGET_AFTER:
            self._chat_next = {c: t for c, t in self._chat_next.items() if t > sent}

    async def _overall_slot(self, urgency: Urgency) -> None:
        """Wait for one of the overall limit's slots; the most urgent, then the first, goes."""
        me = (int(urgency), next(self._arrivals))
        heapq.heappush(self._queue, me)
        self._notify()  # one more urgent than the first may have just arrived
        try:
            while True:
                if self._queue[0] == me:
                    delay = self._overall_ready() - self._clock()
                    if delay <= 0:
                        heapq.heappop(self._queue)
                        self._recent.append(self._clock())
                        self._notify()
                        return
                    with contextlib.suppress(TimeoutError):
                        async with asyncio.timeout(delay):
                            await self._changed.wait()
                else:
                    await self._changed.wait()
        except BaseException:
            if me in self._queue:
                self._queue.remove(me)
                heapq.heapify(self._queue)
                self._notify()
            raise

    def _notify(self) -> None:
        """Wake every waiter to look again at who is first."""
        self._changed.set()
        self._changed = asyncio.Event()
