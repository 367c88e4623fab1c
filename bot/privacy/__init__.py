"""What people control about their data (/stop, /mydata, /forget) and how long it is kept."""

from bot.privacy.controls import erase, forget_answer, forget_ask, stop
from bot.privacy.mydata import my_data
from bot.privacy.retention import DIALOGUE_IDLE_DAYS
from bot.privacy.retention import run as run_retention

__all__ = [
    "DIALOGUE_IDLE_DAYS",
    "erase",
    "forget_answer",
    "forget_ask",
    "my_data",
    "run_retention",
    "stop",
]
