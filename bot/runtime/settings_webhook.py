"""The webhook's settings: the public address Telegram posts to, and the secret it sends back."""

from __future__ import annotations

import re

from bot.runtime.errors import ConfigError


def webhook_url(value: str | None) -> str | None:
    if not value:
        return None
    if not re.match(r"^https?://[^/\s]+", value):
        raise ConfigError(
            f"WEBHOOK_URL {value!r} is not a web address: set it like "
            "https://natter.example.org/telegram."
        )
    return value


def webhook_secret(value: str | None) -> str | None:
    # Telegram allows 1-256 characters of A-Z, a-z, 0-9, _ and -.
    if value and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", value):
        raise ConfigError(
            "WEBHOOK_SECRET may only use letters, digits, _ and - (up to 256): make one with "
            "python -c 'import secrets; print(secrets.token_urlsafe(32))'."
        )
    return value or None
