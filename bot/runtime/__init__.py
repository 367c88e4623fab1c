"""Running Natter: settings, the composition root, polling, webhook workers and jobs."""

from bot.runtime.bot_api import BotApiRefused, describe, make_bot, wait_for_bot_api
from bot.runtime.logs import configure as configure_logs
from bot.runtime.polling import run_polling, run_webhook
from bot.runtime.root import SchemaBehind, Services, Texts, load_texts, open_services
from bot.runtime.scheduler_lock import SchedulerMode, holder_pid
from bot.runtime.settings import ConfigError, Settings, load_settings
from bot.runtime.web_server import run_web

__all__ = [
    "BotApiRefused",
    "ConfigError",
    "SchedulerMode",
    "SchemaBehind",
    "Services",
    "Settings",
    "Texts",
    "configure_logs",
    "describe",
    "holder_pid",
    "load_settings",
    "load_texts",
    "make_bot",
    "open_services",
    "run_polling",
    "run_web",
    "run_webhook",
    "wait_for_bot_api",
]
