"""The email half of delivering the outbox: one claimed row rendered as an email and handed to
the SMTP server with aiosmtplib, its errors sorted as bot.delivery expects.

A 5xx refusal of the recipient or of the message fails the row at once (trying again would be
refused the same way); anything else (no connection, a timeout, a 4xx "try later", a refused
login the operator may yet put right) is tried again with the outbox's backoff. An error is
recorded by its kind and code only: never the password, the address or the words.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime

import aiosmtplib

from bot.delivery import Attempt, Claimed, Outcome
from bot.mail.building import build_email, message_id_for
from bot.mail.letters import letter_of
from bot.mail.server import MailSettings
from prompts import Prompts

log = logging.getLogger(__name__)
TIMEOUT_SECONDS = 30


class MailOutbox:
    """A `bot.delivery.Transport` over SMTP."""

    def __init__(
        self,
        settings: MailSettings,
        prompts: Prompts,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._settings, self._prompts, self._now = settings, prompts, now

    async def send(self, message: Claimed) -> Attempt:
        if not message.email:
            return Attempt(Outcome.REFUSED, "no email address: they have taken it away")
        try:
            letter = letter_of(
                self._prompts, message.reply, message.language, self._settings.web_url
            )
        except (KeyError, IndexError, ValueError) as err:  # the reason only: never its words
            return Attempt(Outcome.REFUSED, f"cannot render: {type(err).__name__} {err}"[:300])
        email = build_email(
            sender=self._settings.sender, to=message.email, subject=letter.subject,
            text=letter.text, html_body=letter.html,
            message_id=message_id_for(message.key, self._settings.sender),
            sent_at=self._now(), attachments=letter.attachments, chart=letter.chart,
        )  # fmt: skip
        server = self._settings.server
        try:
            await aiosmtplib.send(
                email, hostname=server.host, port=server.port, use_tls=server.tls,
                start_tls=False if server.tls else None, username=server.user,
                password=server.password, timeout=TIMEOUT_SECONDS,
            )  # fmt: skip
        except aiosmtplib.SMTPRecipientsRefused as err:
            codes = sorted({refusal.code for refusal in err.recipients})
            outcome = Outcome.REFUSED if all(c >= 500 for c in codes) else Outcome.NETWORK
            return Attempt(outcome, f"recipient refused ({', '.join(map(str, codes))})")
        except aiosmtplib.SMTPAuthenticationError as err:
            return Attempt(Outcome.NETWORK, f"login refused ({err.code}): check SMTP_USER")
        except aiosmtplib.SMTPResponseException as err:
            outcome = Outcome.REFUSED if err.code >= 500 else Outcome.NETWORK
            return Attempt(outcome, f"{type(err).__name__} ({err.code})")
        except (aiosmtplib.SMTPException, OSError, TimeoutError) as err:
            return Attempt(Outcome.NETWORK, f"mail server unreachable: {type(err).__name__}")
        log.info("outbox %s: emailed", message.id)
        return Attempt(Outcome.SENT)
