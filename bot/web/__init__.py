"""The partners' desk on the web: a page for staff and the programme team, signed in by a
one-time link sent in Telegram, with the same role checks as every Telegram command."""

from bot.web.app import build_web_app
from bot.web.signing_in import Visitor, sign_in_link, use_link, visitor
from bot.web.site import BotUsername
from bot.web.tokens import (
    LINK_LIFETIME,
    LINK_SALT,
    SESSION_LIFETIME,
    WebConfig,
    derive_key,
    make_link_token,
    read_link_token,
)

__all__ = [
    "LINK_LIFETIME",
    "LINK_SALT",
    "SESSION_LIFETIME",
    "BotUsername",
    "Visitor",
    "WebConfig",
    "build_web_app",
    "derive_key",
    "make_link_token",
    "read_link_token",
    "sign_in_link",
    "use_link",
    "visitor",
]
