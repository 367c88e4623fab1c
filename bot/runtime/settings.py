"""Settings, read once at start-up from the environment and `.env` (never at import)."""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dotenv import dotenv_values

from bot.mail import MailSettings
from bot.runtime.errors import ConfigError
from bot.runtime.settings_mail import mail_settings
from bot.runtime.settings_voice import voice_workers, whisper_device, whisper_model
from bot.runtime.settings_web import web_port, web_url
from prompts.catalogue import PROMPTS_DIR
from storage.urls import NotADatabaseURL, parse_url

__all__ = ["ConfigError", "Settings", "load_settings"]

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///natter.db"
DEFAULT_RETENTION_DAYS = 730  # two years
MAX_RETENTION_DAYS = 36500  # a hundred years: anything longer is a typo, not a policy
MIN_KEY_CHARS = 32  # PSEUDONYM_KEY: enough that nobody guesses it
_MAKE_KEY = "make one with python -c 'import secrets; print(secrets.token_urlsafe(32))'"
_TOKEN_RE = re.compile(r"^\d+:[A-Za-z0-9_-]+$")
_SUPPORTED_DRIVERS = ("sqlite+aiosqlite", "postgresql+asyncpg")


@dataclass(frozen=True, slots=True)
class Settings:
    token: str | None
    database_url: str
    base_url: str | None
    timezone: ZoneInfo
    log_level: int
    # Comments older than this many days are deleted by the daily retention sweep.
    retention_days: int = DEFAULT_RETENTION_DAYS
    # Webhook mode: the public https address Telegram posts to, and the secret it sends back.
    webhook_url: str | None = None
    webhook_secret: str | None = None
    # Where the prompts, question sets and word lists are read from (the shipped prompts/).
    prompts_dir: Path = PROMPTS_DIR
    # The secret that hashes forgotten people's made-up names, so none is given out again.
    pseudonym_key: str | None = None
    # Voice notes: a Whisper model folder (None: the small one built in), where it runs, and how
    # many notes are transcribed at once (each worker is one thread with a model of its own).
    whisper_model: Path | None = None
    whisper_device: str = "cpu"
    voice_workers: int = 1
    # Email for the team (SMTP_URL, MAIL_FROM; None: no email) and the staff web page's address.
    mail: MailSettings | None = None
    # The staff web page: its public address, and the port `natter run` serves it on.
    web_url: str | None = None
    web_port: int | None = None

    @property
    def secrets(self) -> tuple[str, ...]:
        """What must never appear in a log line or an error message."""
        password = self.mail.server.password if self.mail else None
        return tuple(
            s for s in (self.token, self.webhook_secret, self.pseudonym_key, password) if s
        )

    def require_pseudonym_key(self) -> str:
        """For whatever adds or forgets people: the bot, `person forget`, `retention`."""
        if not self.pseudonym_key:
            raise ConfigError(
                f"PSEUDONYM_KEY is not set: {_MAKE_KEY} and put it in .env; keep it with the "
                "settings, not with the database, and never change it (see PRIVACY.md)."
            )
        return self.pseudonym_key

    @property
    def webhook_path(self) -> str:
        """The path part of WEBHOOK_URL, which the webhook server listens on."""
        return urlsplit(self.webhook_url or "").path or "/telegram"

    def require_webhook_url(self) -> str:
        if not self.webhook_url:
            raise ConfigError(
                "WEBHOOK_URL is not set: give the public https address Telegram should post "
                "updates to, such as https://natter.example.org/telegram."
            )
        return self.webhook_url

    def require_webhook_secret(self) -> str:
        if not self.webhook_secret:
            raise ConfigError(
                "WEBHOOK_SECRET is not set: webhook mode needs it, so only Telegram can post "
                "updates; make one with "
                "python -c 'import secrets; print(secrets.token_urlsafe(32))' and put it in .env."
            )
        return self.webhook_secret

    @property
    def base_file_url(self) -> str | None:
        """The file endpoint that matches `base_url` (`.../bot` -> `.../file/bot`)."""
        if self.base_url is None:
            return None
        head, sep, tail = self.base_url.rstrip("/").rpartition("/")
        return f"{head}/file/{tail}" if sep else f"{self.base_url}/file"

    def require_token(self) -> str:
        if not self.token:
            raise ConfigError(
                "TELEGRAM_BOT_TOKEN is not set: put the token from @BotFather in .env "
                "(see .env.example)."
            )
        return self.token


def load_settings(
    env_file: Path | None = Path(".env"), environ: Mapping[str, str] | None = None
) -> Settings:
    """Read settings; the process environment wins over `.env`."""
    values: dict[str, str] = {}
    if env_file is not None and env_file.is_file():
        values.update({k: v for k, v in dotenv_values(env_file).items() if v is not None})
    values.update(os.environ if environ is None else environ)
    return Settings(
        token=_token(values.get("TELEGRAM_BOT_TOKEN")),
        database_url=_database_url(values.get("DATABASE_URL") or DEFAULT_DATABASE_URL),
        base_url=_base_url(values.get("TELEGRAM_BASE_URL")),
        timezone=_timezone(values.get("TIMEZONE") or "Europe/London"),
        log_level=_log_level(values.get("LOG_LEVEL") or "INFO"),
        retention_days=_retention_days(values.get("RETENTION_DAYS")),
        webhook_url=_webhook_url(values.get("WEBHOOK_URL")),
        webhook_secret=_webhook_secret(values.get("WEBHOOK_SECRET")),
        prompts_dir=_prompts_dir(values.get("PROMPTS_DIR")),
        pseudonym_key=_pseudonym_key(values.get("PSEUDONYM_KEY")),
        whisper_model=whisper_model(values.get("WHISPER_MODEL")),
        whisper_device=whisper_device(values.get("WHISPER_DEVICE")),
        voice_workers=voice_workers(values.get("VOICE_WORKERS")),
        mail=mail_settings(values),
        web_url=web_url(values.get("WEB_URL")),
        web_port=web_port(values.get("WEB_PORT")),
    )


def _pseudonym_key(value: str | None) -> str | None:
    if not value:
        return None
    if len(value) < MIN_KEY_CHARS or any(c.isspace() for c in value):
        raise ConfigError(
            f"PSEUDONYM_KEY is too short or has spaces: it needs {MIN_KEY_CHARS} or more "
            f"characters; {_MAKE_KEY}."
        )
    return value


def _prompts_dir(value: str | None) -> Path:
    if not value:
        return PROMPTS_DIR
    if not Path(value).is_dir():
        raise ConfigError(
            f"PROMPTS_DIR {value!r} is not a folder: point it at a copy of Natter's prompts "
            "folder, or leave it empty to use the one Natter comes with."
        )
    return Path(value)


def _webhook_url(value: str | None) -> str | None:
    if not value:
        return None
    if not re.match(r"^https?://[^/\s]+", value):
        raise ConfigError(
            f"WEBHOOK_URL {value!r} is not a web address: set it like "
            "https://natter.example.org/telegram."
        )
    return value


def _webhook_secret(value: str | None) -> str | None:
    # Telegram allows 1-256 characters of A-Z, a-z, 0-9, _ and -.
    if value and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", value):
        raise ConfigError(
            "WEBHOOK_SECRET may only use letters, digits, _ and - (up to 256): make one with "
            "python -c 'import secrets; print(secrets.token_urlsafe(32))'."
        )
    return value or None


def _token(value: str | None) -> str | None:
    if not value:
        return None
    if not _TOKEN_RE.match(value.strip()):
        raise ConfigError(
            "TELEGRAM_BOT_TOKEN does not look like a bot token: it should be digits, a colon "
            "and letters, as @BotFather gives it (for example 123456:ABC-def)."
        )
    return value.strip()


def _database_url(value: str) -> str:
    try:
        url = parse_url(value)
    except NotADatabaseURL:
        raise ConfigError(
            f"DATABASE_URL {value!r} is not a database URL: use {DEFAULT_DATABASE_URL} "
            "or postgresql+asyncpg://user@host/dbname."
        ) from None
    if url.driver not in _SUPPORTED_DRIVERS:
        raise ConfigError(
            f"DATABASE_URL uses {url.driver!r}, which Natter cannot use: start it with "
            "sqlite+aiosqlite:// or postgresql+asyncpg://."
        )
    return value


def _base_url(value: str | None) -> str | None:
    if not value:
        return None
    if not re.match(r"^https?://[^/\s]+", value):
        raise ConfigError(
            f"TELEGRAM_BASE_URL {value!r} is not an http(s) address: set it like "
            "http://127.0.0.1:8081/bot, or leave it empty to use Telegram itself."
        )
    return value.rstrip("/")


def _timezone(value: str) -> ZoneInfo:
    try:
        return ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            f"TIMEZONE {value!r} is not a known time zone: use a name such as Europe/London."
        ) from None


def _log_level(value: str) -> int:
    level = logging.getLevelNamesMapping().get(value.strip().upper())
    if level is None:
        raise ConfigError(
            f"LOG_LEVEL {value!r} is not a logging level: use DEBUG, INFO, WARNING or ERROR."
        )
    return level


def _retention_days(value: str | None) -> int:
    if value is None or not value.strip():
        return DEFAULT_RETENTION_DAYS
    text = value.strip()
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= MAX_RETENTION_DAYS:
        raise ConfigError(
            f"RETENTION_DAYS {value!r} is not a number of days Natter can use: set it to a whole "
            f"number from 1 to {MAX_RETENTION_DAYS}, such as {DEFAULT_RETENTION_DAYS} (two years)."
        )
    return int(text)
