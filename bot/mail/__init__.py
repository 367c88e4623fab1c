"""Email for staff and the programme team: digests and alerts through the same outbox as
Telegram messages, built as multipart messages and sent to an SMTP server (aiosmtplib)."""

from bot.mail.addresses import BadAddress, checked_address
from bot.mail.building import Attachment, InlineImage, build_email, message_id_for
from bot.mail.letters import Letter, letter_of
from bot.mail.sending import MailOutbox
from bot.mail.server import MailSettings, SmtpServer

__all__ = [
    "Attachment",
    "BadAddress",
    "InlineImage",
    "Letter",
    "MailOutbox",
    "MailSettings",
    "SmtpServer",
    "build_email",
    "checked_address",
    "letter_of",
    "message_id_for",
]
