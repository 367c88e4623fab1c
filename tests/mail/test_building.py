"""One email as built: its parts, a chart inline by cid with its words, files attached, and
sent through a real SMTP server to check it survives the trip whole."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from email.message import EmailMessage

import aiosmtplib
import segno

from bot.core import Photo, Reply, Say
from bot.delivery import Claimed, Outcome
from bot.mail import Attachment, InlineImage, MailOutbox, build_email, message_id_for
from prompts import Prompts
from storage.models import Channel
from tests.support.smtp import SENDER, MailServer

AT = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def small_png() -> bytes:
    """A real PNG, made here (a QR code, as invite flyers are drawn)."""
    out = io.BytesIO()
    segno.make("natter").save(out, kind="png", scale=2)
    return out.getvalue()


def built(chart: InlineImage | None) -> EmailMessage:
    return build_email(
        sender=SENDER, to="sue@partner.example.org", subject="Week <16>",
        text="Plain words", html_body="<p>Words &amp; more</p>",
        message_id=message_id_for("digest:project:1:2026-11-16:to:2:email", SENDER),
        sent_at=AT, attachments=(Attachment("week.csv", "a,b\n1,2\n"),), chart=chart,
    )  # fmt: skip


async def test_a_chart_goes_inline_by_cid_with_its_words(smtp: MailServer) -> None:
    png = small_png()
    message = built(InlineImage(png, 'Comments per week: 3, then "5" <rising>'))
    await aiosmtplib.send(message, hostname="127.0.0.1", port=smtp.port)
    (got,) = await smtp.wait_for("sue@partner.example.org")

    kinds = [p.get_content_type() for p in got.walk()]
    assert kinds == [
        "multipart/mixed", "multipart/alternative", "text/plain",
        "multipart/related", "text/html", "image/png", "text/csv",
    ]  # fmt: skip
    page = got.get_body(("html",))
    assert page is not None
    html = str(page.get_content())
    image = next(p for p in got.walk() if p.get_content_type() == "image/png")
    cid = str(image["Content-ID"]).strip("<>")
    assert f'src="cid:{cid}"' in html
    assert 'alt="Comments per week: 3, then &quot;5&quot; &lt;rising&gt;"' in html
    assert image.get_content() == png  # the same bytes, whole
    assert "<title>Week &lt;16&gt;</title>" in html and "Words &amp; more" in html
    (csv,) = got.iter_attachments()
    # Text travels with CRLF line ends over SMTP (as RFC 4180 has CSV anyway).
    assert csv.get_filename() == "week.csv" and csv.get_content().splitlines() == ["a,b", "1,2"]


def test_without_a_chart_the_html_part_stands_alone() -> None:
    message = built(None)
    kinds = [p.get_content_type() for p in message.walk()]
    assert kinds == [
        "multipart/mixed", "multipart/alternative", "text/plain", "text/html", "text/csv",
    ]  # fmt: skip
    assert "cid:" not in message.as_string()


def test_the_message_id_is_made_from_the_outbox_key() -> None:
    key = "alert:7:to:3:email"
    assert message_id_for(key, SENDER) == message_id_for(key, SENDER)  # every try alike
    assert message_id_for(key, SENDER) != message_id_for("alert:8:to:3:email", SENDER)
    assert message_id_for(key, "natter@charity.example").endswith("@charity.example>")
    assert built(None)["Message-ID"] == message_id_for(
        "digest:project:1:2026-11-16:to:2:email", SENDER
    )


async def test_a_replys_picture_goes_inline_with_its_caption_as_alt_text(
    prompts: Prompts, smtp: MailServer
) -> None:
    """Where a digest's chart will come in (bot.charts): a reply's photo, sent by email."""
    png = small_png()
    chart = Photo(png, Say("mail.subject.digest", {"project": "Firth <Park>", "week": "16 Nov"}))
    reply = Reply((Say("mail.alert", {"project": "Firth Park"}),), photo=chart)
    claimed = Claimed(1, 42, reply, "en", 1, channel=Channel.EMAIL, key="k", email="s@x.org")
    attempt = await MailOutbox(smtp.settings, prompts).send(claimed)
    assert attempt.outcome is Outcome.SENT
    (got,) = await smtp.wait_for("s@x.org")
    image = next(p for p in got.walk() if p.get_content_type() == "image/png")
    assert image.get_content() == png
    page = got.get_body(("html",))
    assert page is not None
    assert 'alt="Firth &lt;Park&gt;: your round-up for the week of 16 Nov"' in page.get_content()
