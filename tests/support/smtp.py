"""A real SMTP server in the suite (aiosmtpd, on a free loopback port) and what arrived at it."""

from __future__ import annotations

import asyncio
import socket
import threading
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session

from bot.mail import MailSettings, SmtpServer

SENDER = "Natter <natter@example.org>"


@dataclass(frozen=True)
class Arrived:
    to: list[str]
    message: EmailMessage


@dataclass
class Inbox:
    """What the server accepted, parsed as a mail program would read it."""

    arrived: list[Arrived] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        content = envelope.content
        assert isinstance(content, bytes)
        parsed = message_from_bytes(content, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        with self._lock:
            self.arrived.append(Arrived([str(t) for t in envelope.rcpt_tos], parsed))
        return "250 OK"

    def to(self, address: str) -> list[EmailMessage]:
        with self._lock:
            return [a.message for a in self.arrived if address in a.to]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class MailServer:
    """The server, which a test may stop and start again on the same port. With `login`, it
    takes mail only after that user and password log in (AUTH over plain SMTP: loopback only)."""

    def __init__(self, port: int | None = None, login: tuple[str, str] | None = None) -> None:
        self.port = port or free_port()
        self.inbox = Inbox()
        self.login = login
        self.logins: list[str] = []  # the users who logged in
        self._controller: Controller | None = None

    def _authenticate(
        self, server: SMTP, session: Session, envelope: Envelope, mechanism: str, data: Any
    ) -> AuthResult:
        good = isinstance(data, LoginPassword) and self.login == (
            data.login.decode(),
            data.password.decode(),
        )
        if good:
            self.logins.append(data.login.decode())
        return AuthResult(success=good, handled=False)  # not handled: aiosmtpd answers 535

    def start(self) -> None:
        handler: Any = self.inbox
        extra: dict[str, Any] = {}
        if self.login is not None:
            extra = {"authenticator": self._authenticate, "auth_required": True}
        self._controller = Controller(
            handler, hostname="127.0.0.1", port=self.port, auth_require_tls=False, **extra
        )
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    @property
    def settings(self) -> MailSettings:
        return MailSettings(SmtpServer("127.0.0.1", self.port, tls=False), SENDER)

    async def wait_for(self, address: str, count: int = 1) -> list[EmailMessage]:
        """The messages to `address` once `count` have come (the server runs in its own thread),
        within 10 seconds."""
        for _ in range(200):
            found = self.inbox.to(address)
            if len(found) >= count:
                return found
            await asyncio.sleep(0.05)
        raise AssertionError(f"{count} email(s) to {address} never came")
