"""Drive the real Application through the offline seam, as a person in a private chat would."""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from telegram import Update
from telegram.ext import ApplicationBuilder

from bot.delivery import Pacer
from bot.joining import invites
from bot.runtime.app import build_application
from bot.runtime.root import Texts, compose
from bot.runtime.settings import Settings
from handlers.context import Context, NatterApp
from handlers.pacing import PacedRequests
from storage.db import Database
from storage.models import Role
from tests.support.offline import Call, OfflineRequest


@dataclass
class FakeClock:
    moment: datetime = field(default_factory=lambda: datetime(2026, 11, 2, 10, 0, tzinfo=UTC))

    def now(self) -> datetime:
        return self.moment

    def advance(self, **kwargs: float) -> None:
        self.moment += timedelta(**kwargs)


class Harness:
    """One application per test; records errors so a test fails if a handler raised."""

    def __init__(
        self, db: Database, texts: Texts, settings: Settings, *, webhook: bool = False
    ) -> None:
        self.db = db
        self.prompts = texts.prompts
        self.request = OfflineRequest()
        self.clock = FakeClock()
        builder = (
            ApplicationBuilder()
            .token("123456:TEST")
            .request(self.request)
            .get_updates_request(OfflineRequest())
        )
        # Wired by the composition root, as `natter run` is, with the test's database and clock.
        services = compose(settings, texts, db=db, clock=self.clock)
        # `webhook`: as a webhook worker is wired (bot.runtime.webhook), updates fed the same way.
        self.app: NatterApp = build_application(builder, services, webhook=webhook)
        # Replies go through the real limiter, but without its one-a-second turn per chat:
        # these tests are about what is said (pacing has tests of its own, and the end-to-end
        # tests keep it, against a fake Bot API that enforces Telegram's limits).
        limiter = self.app.bot.rate_limiter
        assert isinstance(limiter, PacedRequests)
        limiter.pacer = Pacer(overall_per_second=1_000_000, chat_interval=0, group_interval=0)
        # Voice notes are stored and thanked for, but not heard: the tests that hear them give the
        # app a worker of their own (tests/voice), so no other test loads a speech model.
        self.app.bot_data.voice = None
        self.errors: list[BaseException] = []
        self.app.add_error_handler(self._record_error)
        self._update_ids = itertools.count(1)
        self._message_ids: dict[int, itertools.count[int]] = {}

    async def _record_error(self, _update: object, context: Context) -> None:
        if context.error is not None:
            self.errors.append(context.error)

    # --- the person's side -------------------------------------------------------------
    def _user(self, user_id: int) -> dict[str, Any]:
        return {"id": user_id, "is_bot": False, "first_name": "Ann", "language_code": "en"}

    def _message(
        self, user_id: int, chat: dict[str, Any] | None = None, **fields: Any
    ) -> dict[str, Any]:
        ids = self._message_ids.setdefault(user_id, itertools.count(1))
        return {
            "message_id": fields.pop("message_id", None) or next(ids),
            "date": int(time.time()),
            "chat": chat or {"id": user_id, "type": "private", "first_name": "Ann"},
            "from": self._user(user_id),
            **fields,
        }

    async def feed(self, data: dict[str, Any]) -> list[Call]:
        """Process one raw update; returns the calls the bot made while handling it."""
        before = len(self.request.calls)
        data = {"update_id": next(self._update_ids), **data}
        await self.app.process_update(Update.de_json(data, self.app.bot))
        await self.app.bot_data.replies.drain()  # its reply, sent in its chat's line
        return self.request.calls[before:]

    async def send(self, user_id: int, text: str, **fields: Any) -> list[Call]:
        extra: dict[str, Any] = {"text": text}
        if text.startswith("/"):
            extra["entities"] = [
                {"type": "bot_command", "offset": 0, "length": len(text.split()[0])}
            ]
        return await self.feed({"message": self._message(user_id, **extra, **fields)})

    async def send_raw(self, user_id: int, **fields: Any) -> list[Call]:
        return await self.feed({"message": self._message(user_id, **fields)})

    async def voice(self, user_id: int, seconds: int = 7) -> list[Call]:
        voice = {
            "file_id": f"voice-{user_id}-{seconds}",
            "file_unique_id": "vu",
            "duration": seconds,
        }
        return await self.send_raw(user_id, voice=voice)

    async def edit(self, user_id: int, message_id: int, text: str) -> list[Call]:
        message = self._message(
            user_id, text=text, message_id=message_id, edit_date=int(time.time())
        )
        return await self.feed({"edited_message": message})

    async def press(self, user_id: int, data: str, message_text: str = "...") -> list[Call]:
        message = {
            "message_id": 999,
            "date": int(time.time()),
            "chat": {"id": user_id, "type": "private", "first_name": "Ann"},
            "from": {
                "id": 123456,
                "is_bot": True,
                "first_name": "Natter",
                "username": "natter_test_bot",
            },
            "text": message_text,
            "reply_markup": {"inline_keyboard": [[{"text": "x", "callback_data": data}]]},
        }
        query = {
            "id": str(next(self._update_ids)),
            "from": self._user(user_id),
            "chat_instance": "ci",
            "data": data,
            "message": message,
        }
        return await self.feed({"callback_query": query})

    async def press_button(self, user_id: int, calls: list[Call], label: str) -> list[Call]:
        """Press the button labelled `label` on the last message in `calls` that has buttons."""
        for call in reversed(calls):
            for text, data in call.buttons:
                if text == label:
                    return await self.press(user_id, data)
        raise AssertionError(f"no button {label!r} in {[c.buttons for c in calls]}")

    # --- looking at the database --------------------------------------------------------
    async def count(self, model: type, *where: Any) -> int:
        async with self.db.transaction() as session:
            return int(
                await session.scalar(select(func.count()).select_from(model).where(*where)) or 0
            )

    async def rows(self, model: type, *where: Any) -> list[Any]:
        async with self.db.transaction() as session:
            return list((await session.scalars(select(model).where(*where))).unique().all())


def texts(calls: list[Call]) -> list[str]:
    return [c.text for c in calls if c.method in ("sendMessage", "sendDocument", "sendPhoto")]


def joined(calls: list[Call]) -> str:
    return "\n".join(texts(calls))


async def join(harness: Harness, user: int, code: str) -> list[Call]:
    """Someone opens an invite link and says yes."""
    calls = await harness.send(user, f"/start {code}")
    return await harness.press_button(user, calls, "Yes")


async def suggest(harness: Harness, user: int, code: str, words: str) -> None:
    """Someone joins and answers "is there anything you'd change?" with `words`."""
    calls = await join(harness, user, code)
    calls = await harness.press_button(user, calls, "Skip")  # past "what did you enjoy"
    await harness.send(user, words)


async def fresh_invite(harness: Harness, role: Role, project_id: int | None) -> str:
    """A new invite code with no limit on uses (a team invite from the seed works once)."""
    async with harness.db.transaction() as session:
        made = await invites.create(
            session, role=role, project_id=project_id, uses=None, expires_days=None,
            now=harness.clock.now(),
        )  # fmt: skip
        return made.code
