"""Running Natter: settings, the composition root, polling, webhook workers and jobs."""

from bot.runtime.polling import run_polling, run_webhook
from bot.runtime.scheduler_lock import SchedulerMode, holder_pid
from bot.runtime.settings import ConfigError, Settings, load_settings

__all__ = [
    "ConfigError",
    "SchedulerMode",
    "Settings",
    "holder_pid",
    "load_settings",
    "run_polling",
    "run_webhook",
]
