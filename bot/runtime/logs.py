"""Quiet, safe logs: ids and event names, never what people wrote, never a secret.

The bot token (and the webhook secret) are cut out of every line at every level, tracebacks
included: python-telegram-bot puts the token in some error texts, and URLs carry it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
REDACTED = "[secret]"
# httpx logs every request URL at INFO, and the URL holds the bot token.
_NOISY = ("httpx", "httpcore", "apscheduler", "aiosqlite", "asyncio")
# python-telegram-bot's DEBUG lines print whole updates (people's names and words).
_CHATTY = ("telegram",)


class RedactingFormatter(logging.Formatter):
    """Formats as usual, then replaces every secret with a marker."""

    def __init__(self, secrets: Iterable[str], fmt: str = FORMAT) -> None:
        super().__init__(fmt)
        # Longest first, so a secret containing another is cut whole.
        self._secrets = sorted({s for s in secrets if s}, key=len, reverse=True)

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record), self._secrets)


def redact(text: str, secrets: Iterable[str]) -> str:
    for secret in secrets:
        if secret:
            text = text.replace(secret, REDACTED)
    return text


def configure(level: int, secrets: Iterable[str] = ()) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(RedactingFormatter(secrets))
    logging.basicConfig(level=level, handlers=[handler], force=True)
    for noisy in _NOISY:
        logging.getLogger(noisy).setLevel(max(level, logging.WARNING))
    for chatty in _CHATTY:
        logging.getLogger(chatty).setLevel(max(level, logging.INFO))
