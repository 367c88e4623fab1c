"""Webhook mode: an ASGI app (Starlette, served by uvicorn) for one or several worker processes.

Each POST from Telegram is handled to the end before it is answered: 200 once the update's
transaction has committed, 500 if handling it failed, so Telegram sends it again; after five
attempts that failed the same way it is parked as a dead letter and answered 200, so it stops
(bot.core.failures). A worker killed mid-update never answers, so Telegram sends the update
again, and the unique (chat id, message id) stops a duplicate. Across workers, one chat's units
of work take turns by a PostgreSQL advisory lock (storage.db.Database.run).
"""

from __future__ import annotations

import hmac
import logging
import os
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from telegram import Update
from telegram.ext import Application

from bot.runtime import logs
from bot.runtime.app import (
    ALLOWED_UPDATES,
    build_application,
    drain_replies,
    on_start,
)
from bot.runtime.root import Services, check_voice, compose, load_texts
from bot.runtime.scheduler_lock import SchedulerLock, SchedulerMode
from bot.runtime.settings import ConfigError, load_settings
from bot.runtime.webhook_body import MAX_BODY, parse_update, read_limited
from handlers.context import UPDATE_FAILED, Context, NatterApp
from handlers.ordering import ChatOrderedProcessor, ChatTurns, chat_of
from prompts import PromptError

log = logging.getLogger(__name__)
SCHEDULER_ENV = "NATTER_SCHEDULER"  # how `natter run --webhook` tells its workers
TAKEOVER_SECONDS = 5
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


def create_app() -> Starlette:
    """The uvicorn factory: each worker process reads the settings and every YAML file itself
    at start-up; a broken one stops it with status 2, as a bad setting stops `natter`."""
    try:
        settings = load_settings()
        services = compose(settings, load_texts(settings))
        check_voice(settings)
    except (ConfigError, PromptError) as err:
        print(f"natter: {err}", file=sys.stderr)
        raise SystemExit(2) from None
    logs.configure(settings.log_level, settings.secrets)
    mode = SchedulerMode(os.environ.get(SCHEDULER_ENV, SchedulerMode.AUTO))
    return build_webhook_app(services, mode)


def build_webhook_app(services: Services, mode: SchedulerMode) -> Starlette:
    settings, db = services.settings, services.db
    builder = Application.builder().token(settings.require_token()).updater(None)
    if settings.base_url and settings.base_file_url:
        builder = builder.base_url(settings.base_url).base_file_url(settings.base_file_url)
    ptb = build_application(builder, services, webhook=True)
    # Telegram posts several updates at once: one chat's are handled in order, as in polling.
    processor = ptb.update_processor
    turns = processor.turns if isinstance(processor, ChatOrderedProcessor) else ChatTurns()
    lock = SchedulerLock(db, mode)
    secret = settings.require_webhook_secret().encode()

    async def claim_scheduler(context: Context) -> None:
        context.bot_data.runs_scheduler = await lock.holds()

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        ptb.bot_data.runs_scheduler = await lock.holds()
        assert ptb.job_queue is not None
        ptb.job_queue.run_repeating(claim_scheduler, TAKEOVER_SECONDS, first=TAKEOVER_SECONDS)
        await ptb.initialize()
        await on_start(ptb)
        await ptb.start()
        await ptb.bot.set_webhook(
            settings.require_webhook_url(), secret_token=secret.decode(),
            allowed_updates=ALLOWED_UPDATES, drop_pending_updates=False,
        )  # fmt: skip
        log.info(
            "webhook worker %s ready (scheduler: %s)", os.getpid(), ptb.bot_data.runs_scheduler
        )
        try:
            yield
        finally:
            await drain_replies(ptb)
            await ptb.stop()
            await ptb.shutdown()
            await lock.release()

    async def telegram(request: Request) -> Response:
        # Starlette decodes headers as Latin-1, so any bytes compare safely (never a 500).
        given = request.headers.get(SECRET_HEADER, "").encode("latin-1")
        if not hmac.compare_digest(given, secret):
            return PlainTextResponse("forbidden", status_code=403)
        body = await read_limited(request, MAX_BODY)
        if body is None:
            log.warning("webhook: refused a body over %d bytes", MAX_BODY)
            return PlainTextResponse("too large", status_code=413)
        update = parse_update(body, ptb.bot)
        if update is None:
            return PlainTextResponse("bad update", status_code=400)
        async with turns.turn(chat_of(update)):
            return await _handle(ptb, update)

    async def healthz(_: Request) -> Response:
        if not await db.healthy():
            return JSONResponse({"ok": False, "database": "unreachable"}, status_code=503)
        return JSONResponse({"ok": True, "scheduler": ptb.bot_data.runs_scheduler})

    routes: list[BaseRoute] = [
        Route(settings.webhook_path, telegram, methods=["POST"]),
        Route("/healthz", healthz, methods=["GET"]),
    ]
    if services.web is not None:  # the staff web page, at WEB_URL's path, behind the same proxy
        from bot.runtime.web_server import running_bot, web_app

        routes.append(Mount("", app=web_app(services, running_bot(ptb.bot))))
    return Starlette(routes=routes, lifespan=lifespan)


async def _handle(ptb: NatterApp, update: Update) -> Response:
    token = UPDATE_FAILED.set(False)
    try:
        await ptb.process_update(update)
        failed = UPDATE_FAILED.get()
    finally:
        UPDATE_FAILED.reset(token)
    # 500 makes Telegram try again later; what was already stored is not stored twice.
    return PlainTextResponse("retry" if failed else "ok", status_code=500 if failed else 200)
