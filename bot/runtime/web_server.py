"""Serving the staff web page: beside long polling in the same process (`natter run` with
WEB_PORT), mounted beside the webhook (bot.runtime.webhook), or alone (`natter web`)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Generator
from contextlib import contextmanager

import uvicorn
from starlette.applications import Starlette
from telegram import Bot

from bot import web
from bot.runtime.bot_api import make_bot
from bot.runtime.root import Services, compose, load_texts, upgrade_database
from bot.runtime.settings import ConfigError, Settings
from handlers.context import NatterApp

log = logging.getLogger(__name__)


class _BesideTheBot(uvicorn.Server):
    """uvicorn without its own signal handlers: python-telegram-bot's run_polling owns them,
    and stops this server when it stops."""

    @contextmanager
    def capture_signals(self) -> Generator[None, None, None]:
        yield


def require_web(services: Services) -> web.WebConfig:
    if services.web is None:
        raise ConfigError(
            "WEB_URL is not set: give the web page's public address, such as "
            "https://natter.example.org/web (PSEUDONYM_KEY signs its links, so it is needed too)."
        )
    return services.web


def running_bot(bot: Bot) -> web.BotUsername:
    """The username of the bot this process runs (getMe was asked when it started)."""

    async def username() -> str:
        return bot.username

    return username


def asked_once(settings: Settings) -> web.BotUsername:
    """For the page alone: asked of the Bot API (getMe) when first needed, then kept."""
    known: list[str] = []

    async def username() -> str:
        if not known:
            async with make_bot(settings) as bot:
                known.append(bot.username)
        return known[0]

    return username


def web_app(services: Services, username: web.BotUsername) -> Starlette:
    config = require_web(services)
    return web.build_web_app(services.db, services.deps, config, username)


def serve_beside(app: NatterApp, services: Services, host: str, port: int) -> None:
    """Serve the page on `port` while the bot polls, on the bot's own event loop."""
    config = uvicorn.Config(
        web_app(services, running_bot(app.bot)),
        host=host,
        port=port,
        log_level="warning",
        lifespan="off",
    )
    server = _BesideTheBot(config)
    tasks: list[asyncio.Task[None]] = []
    started, stopping = app.post_init, app.post_stop

    async def start(ptb: NatterApp) -> None:
        if started is not None:
            await started(ptb)
        tasks.append(asyncio.create_task(server.serve()))
        log.info("web page served on %s:%d", host, port)

    async def stop(ptb: NatterApp) -> None:
        server.should_exit = True
        if tasks:
            await tasks[0]
        if stopping is not None:
            await stopping(ptb)

    app.post_init, app.post_stop = start, stop


def run_web(settings: Settings, host: str, port: int) -> None:
    """`natter web`: the page alone; what it sends goes through the outbox, which the bot's
    own process delivers."""
    settings.require_pseudonym_key()
    texts = load_texts(settings)
    asyncio.run(upgrade_database(settings))
    services = compose(settings, texts)
    app = web_app(services, asked_once(settings))
    uvicorn.run(app, host=host, port=port, log_level="warning")
