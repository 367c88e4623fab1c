"""Keeping under Telegram's sending limits: overall per second, and per chat.

python-telegram-bot's AIORateLimiter does not space messages to one private chat, so this does.
The limits hold per sender process.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Callable

OVERALL_PER_SECOND = 25
PRIVATE_CHAT_INTERVAL = 1.0
GROUP_CHAT_INTERVAL = 3.0  # 20 a minute
# A little slack, so network jitter can't squeeze two sends into one window at Telegram's end.
MARGIN = 0.05


class Pacer:
    def __init__(
        self,
        overall_per_second: int = OVERALL_PER_SECOND,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._overall = overall_per_second
        self._clock = clock
        self._recent: deque[float] = deque(maxlen=overall_per_second)
        self._chat_next: dict[int, float] = {}
        self._lock = asyncio.Lock()

    def _overall_ready(self) -> float:
        if len(self._recent) == self._overall:
            return self._recent[0] + 1.0 + MARGIN
        return 0.0

    def _wait_for(self, chat_id: int, now: float) -> float:
        return max(self._chat_next.get(chat_id, 0.0), self._overall_ready()) - now

    def overall_delay(self) -> float:
        """Seconds until any message may go (the overall limit), 0 if one may go now."""
        return max(0.0, self._overall_ready() - self._clock())

    def busy_chats(self) -> list[int]:
        """Chats that may not be sent to yet (so the sender can serve others meanwhile)."""
        now = self._clock()
        return [chat for chat, ready in self._chat_next.items() if ready > now]

    async def wait(self, chat_id: int) -> None:
        """Return when a message to `chat_id` may go now, and count it as sent."""
        async with self._lock:
            # Holding the lock, nothing else can send meanwhile: one wait is always enough.
            delay = self._wait_for(chat_id, self._clock())
            if delay > 0:
                await asyncio.sleep(delay)
            now = self._clock()
            self._recent.append(now)
            interval = GROUP_CHAT_INTERVAL if chat_id < 0 else PRIVATE_CHAT_INTERVAL
            self._chat_next[chat_id] = now + interval + MARGIN
            if len(self._chat_next) > 10_000:  # forget chats long past their interval
                self._chat_next = {c: t for c, t in self._chat_next.items() if t > now}
