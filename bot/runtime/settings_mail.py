"""Email settings (SMTP_URL, SMTP_USER, SMTP_PASSWORD, MAIL_FROM, WEB_URL), read by
bot.runtime.settings. No SMTP_URL: no email, and an email row fails saying so."""

from __future__ import annotations

from collections.abc import Mapping
from email.utils import parseaddr
from urllib.parse import unquote, urlsplit

from bot.mail import BadAddress, MailSettings, SmtpServer, checked_address
from bot.runtime.errors import ConfigError
from bot.runtime.settings_web import web_url

DEFAULT_PORTS = {"smtp": 587, "smtps": 465}


def mail_settings(values: Mapping[str, str]) -> MailSettings | None:
    url = values.get("SMTP_URL") or ""
    if not url:
        return None
    sender = values.get("MAIL_FROM") or ""
    if not sender:
        raise ConfigError(
            "MAIL_FROM is not set: with SMTP_URL, give the address email comes from, such as "
            "natter@example.org or 'Natter <natter@example.org>'."
        )
    try:
        checked_address(parseaddr(sender)[1])
    except BadAddress:
        raise ConfigError(
            f"MAIL_FROM {sender!r} is not an email address: set it like natter@example.org."
        ) from None
    return MailSettings(_server(url, values), sender, web_url(values.get("WEB_URL")))


def _server(url: str, values: Mapping[str, str]) -> SmtpServer:
    # The URL may hold a password: never put it in an error message.
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        port = -1
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname or port == -1:
        raise ConfigError(
            "SMTP_URL is not an SMTP address: set it like smtp://mail.example.org:587 "
            "(STARTTLS when the server offers it) or smtps://mail.example.org:465 (TLS)."
        )
    user = unquote(parts.username) if parts.username else values.get("SMTP_USER") or None
    password = unquote(parts.password) if parts.password else values.get("SMTP_PASSWORD")
    return SmtpServer(
        host=parts.hostname, port=port or DEFAULT_PORTS[parts.scheme],
        tls=parts.scheme == "smtps", user=user, password=password or None,
    )  # fmt: skip
