"""What every capability shares: dependencies, the clock, messages and buttons as data, the
button-data codec, dialogue steps and state, comments as they are made, failed updates, people,
dates and weeks, and text limits. It imports no capability."""

from bot.core import buttons, dialogue, failures, people, pseudonyms
from bot.core.clock import Clock, SystemClock
from bot.core.comments import (
    Handled,
    Kept,
    NewComment,
    edit_comment,
    quoted_of,
    read_spoken,
    store_comment,
    store_comment_once,
)
from bot.core.dates import parse_day
from bot.core.deps import CONSENT_VERSION, Deps
from bot.core.fitting import fit_caption, fit_label, fit_messages
from bot.core.incoming import Incoming, Press
from bot.core.limits import (
    BUTTON_TEXT_LIMIT,
    CAPTION_LIMIT,
    TELEGRAM_TEXT_LIMIT,
    TOAST_LIMIT,
    cut_plain,
    pages,
    split_message,
    utf16_len,
    visible_length,
)
from bot.core.messages import Button, CommandMenu, Document, Photo, Reply, Say
from bot.core.outgoing import UnreadableReply, render_text, reply_from_json, reply_to_json
from bot.core.roles import Team, not_for, team_of
from bot.core.steps import CheckinStage, DidStage, NoteStage, ReplyStage, Step
from bot.core.text import storable
from bot.core.throttle import Answer, Throttle
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
    "BUTTON_TEXT_LIMIT",
    "CAPTION_LIMIT",
    "CONSENT_VERSION",
    "TELEGRAM_TEXT_LIMIT",
    "TOAST_LIMIT",
    "Answer",
    "Button",
    "CheckinStage",
    "Clock",
    "CommandMenu",
    "Deps",
    "DidStage",
    "Document",
    "Handled",
    "Incoming",
    "Kept",
    "NewComment",
    "NoteStage",
    "Period",
    "Photo",
    "Press",
    "Reply",
    "ReplyStage",
    "RhythmError",
    "Say",
    "Step",
    "SystemClock",
    "Team",
    "Throttle",
    "UnreadableReply",
    "buttons",
    "cut_plain",
    "dialogue",
    "edit_comment",
    "failures",
    "fit_caption",
    "fit_label",
    "fit_messages",
    "format_rhythm",
    "iso_week",
    "latest_due",
    "not_for",
    "pages",
    "parse_day",
    "parse_rhythm",
    "people",
    "pseudonyms",
    "quoted_of",
    "read_spoken",
    "render_text",
    "reply_from_json",
    "reply_to_json",
    "split_message",
    "storable",
    "store_comment",
    "store_comment_once",
    "team_of",
    "utf16_len",
    "visible_length",
    "week_so_far",
]
