"""Typed application data, so handlers get the database and domain deps without casts."""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot, JobQueue

from bot.core import Deps
from bot.delivery import Pacer, Transport
from bot.voice import VoiceWorker
from bot.web import WebConfig
from handlers.pacing import Pace
from handlers.reply_line import ReplyLine
from storage.db import Database


@dataclass
class BotData:
    """Filled in once by `bot.app.build_application`; PTB creates it empty."""

    _db: Database | None = None
    _deps: Deps | None = None
    # One per process: the outbox sender's pacing state.
    pacer: Pacer = field(default_factory=Pacer)
    # Replies waiting their chat's turn, in order (handlers.reply_line).
    replies: ReplyLine = field(default_factory=ReplyLine)
    # Whether this process runs the scheduled jobs (with several webhook workers, only one does).
    runs_scheduler: bool = True
    retention_days: int = 730
    # Webhook mode (set by build_application): Telegram posts an update again until it is
    # answered 200 (bot.core.failures), and several worker processes may be handed one chat's
    # updates, so a chat's units of work take turns by a database lock (Database.run). Under
    # long polling a failed update never comes back, and one process has every update.
    webhook: bool = False
    # Voice notes waiting for their words (bot.voice); None where nothing transcribes them.
    voice: VoiceWorker | None = None
    # The outbox's email transport (bot.mail); None when SMTP_URL is not set.
    mail: Transport | None = None
    # The staff web page, for /web's sign-in links; None where WEB_URL is not set.
    web: WebConfig | None = None

    @property
    def db(self) -> Database:
        assert self._db is not None, "build_application() was not called"
        return self._db

    @property
    def deps(self) -> Deps:
        assert self._deps is not None, "build_application() was not called"
        return self._deps

    def configure(self, db: Database, deps: Deps) -> None:
        self._db, self._deps = db, deps


# Set by the error handler while an update is handled, so webhook mode can answer 500 (and
# Telegram send the update again) instead of 200 when handling it failed; left unset once a
# failing update is parked as a dead letter, so it is answered 200 and Telegram lets it go.
UPDATE_FAILED: ContextVar[bool] = ContextVar("update_failed", default=False)

# ExtBot[Pace]: each call may say how it is paced (handlers.pacing).
Context = CallbackContext[ExtBot[Pace], dict[Any, Any], dict[Any, Any], BotData]
NatterApp = Application[
    ExtBot[Pace],
    Context,
    dict[Any, Any],
    dict[Any, Any],
    BotData,
    JobQueue[Context],
]
CONTEXT_TYPES = ContextTypes(bot_data=BotData)
