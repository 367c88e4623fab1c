"""What every capability shares: dependencies, the clock, messages and buttons as data, the
button-data codec, people, dates and weeks, and text limits. It imports no capability."""

from bot.core import button_data, people
from bot.core.clock import Clock, SystemClock
from bot.core.dates import parse_day
from bot.core.deps import CONSENT_VERSION, Deps
from bot.core.incoming import Incoming
from bot.core.messages import Button, Document, Photo, Reply, Say
from bot.core.outgoing import UnreadableReply, render_text, reply_from_json, reply_to_json
from bot.core.roles import Team, team_of
from bot.core.text import TELEGRAM_TEXT_LIMIT, split_message
from bot.core.weeks import (
    Period,
    RhythmError,
    format_rhythm,
    iso_week,
    latest_due,
    parse_rhythm,
    week_so_far,
)

__all__ = [
    "CONSENT_VERSION",
    "TELEGRAM_TEXT_LIMIT",
    "Button",
    "Clock",
    "Deps",
    "Document",
    "Incoming",
    "Period",
    "Photo",
    "Reply",
    "RhythmError",
    "Say",
    "SystemClock",
    "Team",
    "UnreadableReply",
    "button_data",
    "format_rhythm",
    "iso_week",
    "latest_due",
    "parse_day",
    "parse_rhythm",
    "people",
    "render_text",
    "reply_from_json",
    "reply_to_json",
    "split_message",
    "team_of",
    "week_so_far",
]
