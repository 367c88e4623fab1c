"""One email as a person's mail program shows it: a plain-text part and an HTML part (with a
chart inline by `cid:` when there is one), and files attached.

    multipart/mixed
      multipart/alternative
        text/plain
        multipart/related        (text/html alone when there is no chart)
          text/html
          image/png              (Content-ID: the chart's cid)
      text/csv ...               (attachments)
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr


@dataclass(frozen=True, slots=True)
class InlineImage:
    """A chart drawn as a PNG, shown in the HTML part, with the words that stand in for it."""

    png: bytes
    alt: str


@dataclass(frozen=True, slots=True)
class Attachment:
    filename: str
    content: str
    subtype: str = "csv"  # text/<subtype>


def message_id_for(outbox_key: str, sender: str) -> str:
    """The Message-ID of the email for this outbox row: the same on every try, so a resend
    after a crash can be told from a new message (and dropped as a duplicate)."""
    digest = hashlib.sha256(outbox_key.encode()).hexdigest()[:32]
    domain = parseaddr(sender)[1].rpartition("@")[2] or "natter.invalid"
    return f"<natter.{digest}@{domain}>"


def build_email(
    *,
    sender: str,
    to: str,
    subject: str,
    text: str,
    html_body: str,
    message_id: str,
    sent_at: datetime,
    attachments: Sequence[Attachment] = (),
    chart: InlineImage | None = None,
) -> EmailMessage:
    """The message. `html_body` is HTML already (every person's words in it escaped);
    `subject`, `text` and the chart's alt text are plain and escaped here where they go in HTML."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = Address(addr_spec=to)
    message["Subject"] = subject
    message["Message-ID"] = message_id
    message["Date"] = format_datetime(sent_at)
    message["Auto-Submitted"] = "auto-generated"  # no out-of-office replies back, please
    message.set_content(text)
    cid = f"chart.{message_id.strip('<>')}"
    picture = (
        f'<p><img src="cid:{html.escape(cid)}" alt="{html.escape(chart.alt)}" '
        'style="max-width:100%;height:auto"></p>\n'
        if chart is not None
        else ""
    )
    message.add_alternative(_document(subject, picture + html_body), subtype="html")
    if chart is not None:
        html_part = message.get_payload()[1]  # type: ignore[index]  # [text, html]
        assert isinstance(html_part, EmailMessage)
        html_part.add_related(chart.png, maintype="image", subtype="png", cid=f"<{cid}>")
    for attached in attachments:
        message.add_attachment(
            attached.content, subtype=attached.subtype, filename=attached.filename
        )
    return message


def _document(subject: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8">'
        f"<title>{html.escape(subject)}</title></head>\n"
        '<body style="font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;'
        'color:#1a1a1a;max-width:40em">\n'
        f"{body}\n</body>\n</html>\n"
    )
