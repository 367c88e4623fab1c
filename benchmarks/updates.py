"""Building Telegram updates as python-telegram-bot's updater would hand them over."""

from __future__ import annotations

import itertools
import random
import time
from collections.abc import Sequence
from typing import Any

from telegram import Bot, Update
from telegram.ext import ApplicationBuilder

from benchmarks import common, data
from benchmarks.data import Member
from benchmarks.offline import OfflineRequest
from bot.core.deps import Deps
from bot.delivery import Pacer
from handlers.pacing import PacedRequests


class Participants:
    """Text messages from many participants, each with their own rising message ids."""

    def __init__(self, members: Sequence[Member], seed: int = 11) -> None:
        self._members = list(members)
        self._rng = random.Random(seed)
        self._update_ids = itertools.count(1)
        self._message_ids: dict[int, itertools.count[int]] = {}
        self._turn = itertools.count()

    def raw(self) -> dict[str, Any]:
        member = self._members[next(self._turn) % len(self._members)]
        ids = self._message_ids.setdefault(member.telegram_id, itertools.count(1))
        kind = self._rng.choices(list(data.KIND_WEIGHTS), list(data.KIND_WEIGHTS.values()))[0]
        user = {
            "id": member.telegram_id,
            "is_bot": False,
            "first_name": "Ann",
            "language_code": "en",
        }
        return {
            "update_id": next(self._update_ids),
            "message": {
                "message_id": next(ids),
                "date": int(time.time()),
                "chat": {"id": member.telegram_id, "type": "private", "first_name": "Ann"},
                "from": user,
                "text": data.sentence(self._rng, kind),
            },
        }

    def updates(self, bot: Bot, count: int) -> list[Update]:
        return [Update.de_json(self.raw(), bot) for _ in range(count)]


def check_no_concerns(deps: Deps) -> None:
    """The generated sentences must not sound like danger, or the run measures another path."""
    tripped = [s for s in data.all_sentences() if deps.words.safeguarding.concerns(s)]
    if tripped:
        raise SystemExit(f"generated text trips safeguarding: {tripped[:3]}")


class UncappedBuilder(ApplicationBuilder):  # type: ignore[type-arg]
    """Natter's builder, except the pacer behind `build_application`'s limiter has no cap.

    As wired, the pacer lets at most 25 messages a second through (under Telegram's overall
    limit) and one a second to each chat, so the bot can never answer faster however fast it
    is. This keeps the limiter in the path (its bookkeeping costs the same) but lifts the
    caps, so the figures show what the bot itself can do.
    """

    def rate_limiter(self, rate_limiter: Any) -> Any:
        del rate_limiter
        unlimited = Pacer(overall_per_second=1_000_000, chat_interval=0, group_interval=0)
        return super().rate_limiter(PacedRequests(unlimited))


def offline_builder(request: OfflineRequest, *, capped: bool = False) -> ApplicationBuilder:  # type: ignore[type-arg]
    builder = ApplicationBuilder() if capped else UncappedBuilder()
    return builder.token(common.TOKEN).request(request).get_updates_request(OfflineRequest())
