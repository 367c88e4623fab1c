"""Where email goes: the SMTP server and the sender's address (read by bot.runtime.settings)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class SmtpServer:
    host: str
    port: int
    tls: bool  # smtps://: TLS from the first byte; smtp://: STARTTLS when the server offers it
    user: str | None = None
    password: str | None = field(default=None, repr=False)  # never printed, never logged


@dataclass(frozen=True, slots=True)
class MailSettings:
    server: SmtpServer
    sender: str  # MAIL_FROM, as given (it may carry a display name: "Natter <n@example.org>")
    web_url: str | None = None  # WEB_URL: where the staff web page is, linked from each email
