"""Running Natter: settings, the composition root, polling, webhook workers and jobs."""

from bot.runtime.polling import run_polling, run_webhook
from bot.runtime.root import SchemaBehind, Services, Texts, load_texts, open_services
from bot.runtime.scheduler_lock import SchedulerMode, holder_pid
from bot.runtime.settings import ConfigError, Settings, load_settings

__all__ = [
    "ConfigError",
    "SchedulerMode",
    "SchemaBehind",
    "Services",
    "Settings",
    "Texts",
    "holder_pid",
    "load_settings",
    "load_texts",
    "open_services",
    "run_polling",
    "run_webhook",
]
