"""Running the bot against Telegram (or a self-hosted Bot API server)."""

from __future__ import annotations

import asyncio
import logging
import os

from bot.runtime import logs
from bot.runtime.app import ALLOWED_UPDATES, build_application, production_builder
from bot.runtime.bot_api import wait_for_bot_api
from bot.runtime.root import check_voice, compose, load_texts, upgrade_database
from bot.runtime.scheduler_lock import SchedulerMode
from bot.runtime.settings import ConfigError, Settings
from storage.urls import parse_url

log = logging.getLogger(__name__)
GRACEFUL_SECONDS = 10  # on SIGTERM, finish the update in hand within this
WEB_HOST = "127.0.0.1"  # the web page is reached through the reverse proxy (deploy/)


def run_polling(settings: Settings) -> None:
    settings.require_token()  # before touching the database: fail fast and leave nothing behind
    settings.require_pseudonym_key()
    texts = load_texts(settings)  # every YAML file too
    check_voice(settings)  # and the voice model: a bad WHISPER_MODEL stops it here
    logs.configure(settings.log_level, settings.secrets)
    asyncio.run(wait_for_bot_api(settings))
    asyncio.run(upgrade_database(settings))
    services = compose(settings, texts)
    app = build_application(production_builder(settings), services)
    if settings.web_port is not None:
        from bot.runtime.web_server import serve_beside

        serve_beside(app, services, WEB_HOST, settings.web_port)
    log.info("Natter is starting (long polling, %s database)", services.db.backend)
    # Updates sent while Natter was down are kept and handled now, never dropped.
    app.run_polling(allowed_updates=ALLOWED_UPDATES, drop_pending_updates=False)


def run_webhook(
    settings: Settings, host: str, port: int, workers: int, mode: SchedulerMode
) -> None:
    """Serve the webhook with uvicorn; several workers need PostgreSQL (SQLite has one writer)."""
    import uvicorn

    from bot.runtime.webhook import SCHEDULER_ENV

    settings.require_token()
    settings.require_pseudonym_key()
    settings.require_webhook_url()
    settings.require_webhook_secret()  # never open: a forged update could /forget someone
    if workers < 1:
        raise ConfigError("--workers must be 1 or more.")
    if workers > 1 and parse_url(settings.database_url).backend == "sqlite":
        raise ConfigError(
            "Several webhook workers need PostgreSQL: set DATABASE_URL to a postgresql+asyncpg:// "
            "database, or run with --workers 1."
        )
    load_texts(settings)  # checked once here, so a broken file stops start-up before any worker
    check_voice(settings)
    logs.configure(settings.log_level, settings.secrets)
    asyncio.run(wait_for_bot_api(settings))
    asyncio.run(upgrade_database(settings))
    os.environ[SCHEDULER_ENV] = mode.value  # the workers read it when they start
    uvicorn.run(
        "bot.runtime.webhook:create_app", factory=True, host=host, port=port, workers=workers,
        log_level="warning", timeout_graceful_shutdown=GRACEFUL_SECONDS,
    )  # fmt: skip
