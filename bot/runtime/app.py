"""The Telegram application: what the composition root (bot/runtime/root.py) opened, wired to
the handlers, the jobs and python-telegram-bot's rate limiter."""

from __future__ import annotations

import asyncio
import gc
import logging

from telegram import Update
from telegram.ext import Application, ApplicationBuilder, Defaults

import handlers
from bot import mail, voice
from bot.delivery import Pacer
from bot.runtime import jobs
from bot.runtime.root import Services
from bot.runtime.settings import Settings
from handlers import menus
from handlers.context import CONTEXT_TYPES, NatterApp
from handlers.ordering import ChatOrderedProcessor, ChatTurns
from handlers.pacing import PacedRequests

log = logging.getLogger(__name__)
REPLIES_AT_STOP_SECONDS = 5.0
ALLOWED_UPDATES = [Update.MESSAGE, Update.EDITED_MESSAGE, Update.CALLBACK_QUERY]


def build_application(
    builder: ApplicationBuilder,  # type: ignore[type-arg]
    services: Services,
    *,
    webhook: bool = False,
) -> NatterApp:
    """Wire an application. Tests pass a builder with a fake request; `natter run` a real one.
    `webhook`: updates are posted by Telegram, perhaps to several worker processes."""
    settings = services.settings
    settings.require_pseudonym_key()  # the bot adds and forgets people
    pacer = Pacer()  # one per process: replies and the outbox share Telegram's limits
    app: NatterApp = (
        builder.context_types(CONTEXT_TYPES)
        .rate_limiter(PacedRequests(pacer))
        # Chats are handled at the same time, each chat's updates strictly in order.
        .concurrent_updates(ChatOrderedProcessor(ChatTurns()))
        .defaults(Defaults(tzinfo=settings.timezone))
        .post_init(on_start)
        .post_stop(_post_stop)
        .post_shutdown(_post_shutdown)
        .build()
    )
    app.bot_data.configure(services.db, services.deps)
    app.bot_data.retention_days = settings.retention_days
    app.bot_data.pacer = pacer
    app.bot_data.webhook = webhook
    if settings.mail is not None:
        app.bot_data.mail = mail.MailOutbox(settings.mail, services.deps.prompts)
    app.bot_data.web = services.web
    if services.make_engine is not None:
        app.bot_data.voice = voice.start_worker(
            services.db, services.deps, _fetcher(app), services.make_engine,
            settings.voice_workers,
        )  # fmt: skip
    handlers.register(app)
    jobs.schedule(app)
    return app


def _fetcher(app: NatterApp) -> voice.Fetch:
    """A voice note's bytes through the Bot API (getFile, then the file URL), in memory only."""

    async def fetch(file_id: str) -> bytes:
        file = await app.bot.get_file(file_id)
        return bytes(await file.download_as_bytearray())

    return fetch


def production_builder(settings: Settings) -> ApplicationBuilder:  # type: ignore[type-arg]
    builder = Application.builder().token(settings.require_token())
    if settings.base_url and settings.base_file_url:
        builder = builder.base_url(settings.base_url).base_file_url(settings.base_file_url)
    return builder


async def on_start(app: NatterApp) -> None:
    """What a starting process does once: catch up on due digests, and set the command menu."""
    if app.bot_data.runs_scheduler:
        await jobs.plan_now(app.bot_data)
    if app.bot_data.voice is not None and app.bot_data.runs_scheduler:
        await voice.hear_again(app.bot_data.db, app.bot_data.deps, app.bot_data.voice)
    # The participant's menu is the default; other roles' are set per chat (handlers.menus).
    await menus.set_default(app.bot, app.bot_data.deps.prompts)
    settle_memory()


def settle_memory() -> None:
    """Set aside everything loaded at start-up (libraries, prompts, the schema) from the
    garbage collector's full collections: they live as long as the process, and walking them
    during a digest build held the event loop for 40 to 70 ms (BENCHMARKS.md, event loop)."""
    gc.collect()
    gc.freeze()


async def _post_stop(app: NatterApp) -> None:
    """Before the bot closes: what replies are still waiting their chat's turn go now (voice
    notes not yet heard are heard at the next start, bot.voice.hear_again)."""
    if app.bot_data.voice is not None:
        await app.bot_data.voice.stop()
    await drain_replies(app)


async def drain_replies(app: NatterApp) -> None:
    try:
        async with asyncio.timeout(REPLIES_AT_STOP_SECONDS):
            await app.bot_data.replies.drain()
    except TimeoutError:
        log.warning("stopping with %d chats' replies not sent", len(app.bot_data.replies))


async def _post_shutdown(app: NatterApp) -> None:
    await app.bot_data.db.dispose()
