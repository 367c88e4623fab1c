"""Web page settings (WEB_URL, WEB_PORT), read by bot.runtime.settings."""

from __future__ import annotations

import re

from bot.runtime.errors import ConfigError


def web_url(value: str | None) -> str | None:
    if not value:
        return None
    if not re.match(r"^https?://[^/\s]+(/[^\s?#]*)?$", value):
        raise ConfigError(
            f"WEB_URL {value!r} is not a web address: set it like https://natter.example.org/web."
        )
    return value.rstrip("/")


def web_port(value: str | None) -> int | None:
    text = (value or "").strip()
    if not text:
        return None
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= 65535:
        raise ConfigError(f"WEB_PORT {value!r} is not a port: set a number such as 8090.")
    return int(text)
