"""Digests and alerts by email, through the outbox, to a real SMTP server (aiosmtpd): what
arrives is read back as a mail program would read it."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from types import SimpleNamespace
from typing import cast

import pytest
from sqlalchemy import update

from bot import care, delivery, mail
from bot.delivery import Pacer
from bot.digests import plan_due
from bot.mail import MailOutbox, MailSettings
from bot.runtime import jobs
from bot.runtime.root import Texts
from bot.runtime.settings import Settings, load_settings
from handlers.context import Context
from handlers.outbound import TelegramOutbox
from storage.db import Database
from storage.models import Delivery, Outbox, OutboxStatus, Person, Project, Role
from tests.support.cli import natter
from tests.support.harness import Harness, joined
from tests.support.keys import PSEUDONYM_KEY
from tests.support.seed import seed_project
from tests.support.smtp import MailServer
from tests.support.team import add_comment, add_member

MONDAY_NINE = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # last week's digest is due
SUE, ANN = 9100, 9200
SUE_AT = "sue@partner.example.org"
SENDER_ADDRESS = "Natter <natter@example.org>"
SAID = 'The <b>hall</b> is cold & "damp"'


async def seed(harness: Harness, sends_to: Delivery, email: str | None = SUE_AT) -> int:
    """A project whose staff member Sue chose `sends_to`, and Ann's comment in last week."""
    month_ago = MONDAY_NINE - timedelta(days=30)
    project = (await seed_project(harness.db, now=month_ago)).project_id
    async with harness.db.transaction() as session:
        await session.execute(update(Project).values(created_at=month_ago))
    sue = await add_member(harness.db, SUE, project, Role.STAFF, month_ago, "S2")
    async with harness.db.transaction() as session:
        await session.execute(
            update(Person).where(Person.id == sue).values(delivery=sends_to, email=email)
        )
    ann = await add_member(harness.db, ANN, project, Role.PARTICIPANT, month_ago, "K7")
    await add_comment(harness.db, ann, project, SAID, MONDAY_NINE - timedelta(days=3))
    harness.clock.moment = MONDAY_NINE
    return project


def transport(harness: Harness, settings: MailSettings | None) -> delivery.ByChannel:
    email = MailOutbox(settings, harness.prompts, now=harness.clock.now) if settings else None
    return delivery.ByChannel(TelegramOutbox(harness.app.bot, harness.prompts), email)


async def send_all(harness: Harness, settings: MailSettings | None) -> None:
    """Deliver whatever is due now (no pacing waits: pacing has tests of its own)."""
    pacer = Pacer(overall_per_second=1_000_000, chat_interval=0, group_interval=0)
    for _ in range(10):
        await delivery.deliver_due(
            harness.db, transport(harness, settings), harness.clock, pacer, max_seconds=5
        )
        if not await harness.rows(Outbox, Outbox.status == OutboxStatus.PENDING):
            return
        if all(r.next_attempt_at > harness.clock.now() for r in await harness.rows(Outbox)):
            return  # waiting for a retry
    raise AssertionError("the outbox never emptied")


def to_sue(harness: Harness) -> list[str]:
    """What Sue got in Telegram."""
    calls = [c for c in harness.request.calls if c.params.get("chat_id") == SUE]
    return [c.method for c in calls]


def parts(message: EmailMessage) -> tuple[str, str]:
    text = message.get_body(("plain",))
    page = message.get_body(("html",))
    assert text is not None and page is not None
    return str(text.get_content()), str(page.get_content())


async def test_a_digest_by_email_has_both_parts_the_csv_and_a_message_id(
    harness: Harness, smtp: MailServer
) -> None:
    await seed(harness, Delivery.EMAIL)
    assert await plan_due(harness.db, harness.app.bot_data.deps, MONDAY_NINE)
    await send_all(harness, smtp.settings)

    (email,) = await smtp.wait_for(SUE_AT)
    assert to_sue(harness) == []  # email only: nothing in Telegram
    # A long subject is folded onto the header's next line; unfolded, it reads as one.
    subject = email["Subject"].strip()
    assert subject == "Firth Park Coffee Morning: your round-up for the week of 16 November 2026"
    assert email["From"] == "Natter <natter@example.org>" and email["To"] == SUE_AT
    text, page = parts(email)
    assert "Firth Park Coffee Morning" in text and "Person K7" in text
    # Her words, escaped in the HTML (never markup), as said in the plain text.
    assert 'The &lt;b&gt;hall&lt;/b&gt; is cold &amp; "damp"' in page and "<b>hall</b>" not in page
    assert SAID in text
    assert "/settings" in text  # how to change where it goes
    (csv,) = [p for p in email.iter_attachments()]
    assert csv.get_content_type() == "text/csv"
    assert str(csv.get_filename()).endswith(".csv")
    assert "Person K7" in csv.get_content() and "cold" in csv.get_content()
    (row,) = await harness.rows(Outbox, Outbox.chat_id == SUE)
    assert row.channel.value == "email" and row.status is OutboxStatus.SENT
    assert email["Message-ID"] == mail.message_id_for(row.key, smtp.settings.sender)
    assert email["Message-ID"].endswith("@example.org>")


async def test_an_alert_by_email_never_carries_the_words(
    harness: Harness, smtp: MailServer
) -> None:
    await seed(harness, Delivery.EMAIL)
    assert "116 123" in joined(await harness.send(ANN, "I cant cope anymore, Ann Smith here"))
    web = replace(smtp.settings, web_url="https://natter.example.org")
    await send_all(harness, web)

    (email,) = await smtp.wait_for(SUE_AT)
    assert to_sue(harness) == []
    assert email["Subject"] == "Natter: someone may need help"
    text, page = parts(email)
    for shown in (text, page, str(email)):
        assert "cope" not in shown and "Smith" not in shown and "K7" not in shown
    assert "Someone at Firth Park Coffee Morning may need help" in text
    assert "/flagged" in text and "/flagged" in page
    assert "https://natter.example.org" in text
    assert '<a href="https://natter.example.org">' in page
    assert list(email.iter_attachments()) == []


async def test_both_gets_telegram_and_email(harness: Harness, smtp: MailServer) -> None:
    await seed(harness, Delivery.BOTH)
    assert await plan_due(harness.db, harness.app.bot_data.deps, MONDAY_NINE)
    assert "116 123" in joined(await harness.send(ANN, "I cant cope anymore"))
    await send_all(harness, smtp.settings)

    emails = await smtp.wait_for(SUE_AT, count=2)
    assert sorted(e["Subject"].strip().split(":")[0] for e in emails) == [
        "Firth Park Coffee Morning",
        "Natter",
    ]
    sent = to_sue(harness)
    assert "sendDocument" in sent and sent.count("sendMessage") >= 2  # digest parts, alert
    in_telegram = [
        c.text for c in harness.request.calls if c.params.get("chat_id") == SUE and c.text
    ]
    assert any("cope" in t for t in in_telegram)  # Telegram's alert quotes, as before


async def test_email_chosen_without_an_address_still_comes_by_telegram(
    harness: Harness, smtp: MailServer
) -> None:
    await seed(harness, Delivery.EMAIL, email=None)
    assert "116 123" in joined(await harness.send(ANN, "I cant cope anymore"))
    await send_all(harness, smtp.settings)
    assert "sendMessage" in to_sue(harness)
    assert smtp.inbox.arrived == []


async def test_smtp_down_then_up_is_retried_and_delivered_once(harness: Harness) -> None:
    down = MailServer()  # its port is chosen, but nothing listens there yet
    await seed(harness, Delivery.EMAIL)
    assert await plan_due(harness.db, harness.app.bot_data.deps, MONDAY_NINE)
    await send_all(harness, down.settings)
    (row,) = await harness.rows(Outbox, Outbox.chat_id == SUE)
    assert row.status is OutboxStatus.PENDING and row.attempts == 1
    assert row.last_error.startswith("mail server unreachable")
    assert row.next_attempt_at == MONDAY_NINE + timedelta(seconds=5)  # the outbox's backoff

    down.start()
    try:
        await send_all(harness, down.settings)  # not yet: its retry is not due
        assert down.inbox.arrived == []
        harness.clock.advance(seconds=6)
        await send_all(harness, down.settings)
        harness.clock.advance(minutes=5)
        await send_all(harness, down.settings)  # nothing left to send again
        (email,) = await down.wait_for(SUE_AT)
        assert len(down.inbox.arrived) == 1
        (row,) = await harness.rows(Outbox, Outbox.chat_id == SUE)
        assert row.status is OutboxStatus.SENT and row.attempts == 2
        assert email["Message-ID"] == mail.message_id_for(row.key, down.settings.sender)
    finally:
        down.stop()


async def test_without_smtp_an_email_fails_visibly(harness: Harness, database_url: str) -> None:
    await seed(harness, Delivery.EMAIL)
    assert await plan_due(harness.db, harness.app.bot_data.deps, MONDAY_NINE)
    await send_all(harness, None)
    (row,) = await harness.rows(Outbox, Outbox.chat_id == SUE)
    assert row.status is OutboxStatus.FAILED
    assert row.last_error == "SMTP_URL is not set, so email cannot be sent"
    listed = await natter(database_url, "outbox")
    (line,) = [line for line in listed.out.splitlines() if line.startswith(str(row.id))]
    assert line.split()[1:4] == ["failed", "digest", "email"]
    assert line.endswith("SMTP_URL is not set, so email cannot be sent")


async def test_forget_takes_them_out_of_an_emailed_digest_still_waiting(
    harness: Harness, smtp: MailServer
) -> None:
    project = await seed(harness, Delivery.EMAIL)
    bea = await add_member(harness.db, ANN + 1, project, Role.PARTICIPANT, MONDAY_NINE, "B8")
    await add_comment(harness.db, bea, project, "Lovely cake", MONDAY_NINE - timedelta(days=2))
    assert await plan_due(harness.db, harness.app.bot_data.deps, MONDAY_NINE)
    ask = await harness.send(ANN, "/forget")
    await harness.press_button(ANN, ask, "Yes, delete it all")
    await send_all(harness, smtp.settings)

    (email,) = await smtp.wait_for(SUE_AT)
    text, page = parts(email)
    (csv,) = email.iter_attachments()
    for shown in (text, page, str(csv.get_content())):
        assert "cold" not in shown and "K7" not in shown
    assert "(removed at their request)" in text and "Lovely cake" in text


async def test_an_escalation_by_email_never_carries_the_words(
    harness: Harness, smtp: MailServer
) -> None:
    await seed(harness, Delivery.TELEGRAM)
    pam = await add_member(harness.db, 9250, None, Role.PROGRAMME, MONDAY_NINE, "P4")
    async with harness.db.transaction() as session:
        await session.execute(
            update(Person)
            .where(Person.id == pam)
            .values(delivery=Delivery.EMAIL, email="pam@programme.example.org")
        )
    await harness.send(ANN, "I have no food in the house and the heating is off")
    harness.clock.advance(hours=5)  # 5 daytime hours with nobody looking
    assert await care.escalate_due(harness.db, harness.app.bot_data.deps, harness.clock.now())
    await send_all(harness, smtp.settings)

    (email,) = await smtp.wait_for("pam@programme.example.org")
    text, page = parts(email)
    assert "A message at Firth Park Coffee Morning that may need help has waited" in text
    for shown in (text, page, str(email)):
        assert "food" not in shown and "heating" not in shown and "K7" not in shown
    assert [c for c in harness.request.calls if c.params.get("chat_id") == 9250] == []


# aiosmtpd warns of AUTH without TLS: this server listens on loopback only, for the test.
@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
async def test_the_login_from_smtp_url_is_used_and_a_refused_one_is_retried(
    harness: Harness,
) -> None:
    server = MailServer(login=("natter@example.org", "s3cret:pass"))
    server.start()
    try:
        await seed(harness, Delivery.EMAIL)
        assert await plan_due(harness.db, harness.app.bot_data.deps, MONDAY_NINE)
        base = {"MAIL_FROM": SENDER_ADDRESS}
        wrong = load_settings(
            env_file=None,
            environ={
                **base,
                "SMTP_URL": f"smtp://natter%40example.org:nope@127.0.0.1:{server.port}",
            },
        ).mail
        await send_all(harness, wrong)
        (row,) = await harness.rows(Outbox, Outbox.chat_id == SUE)
        assert row.status is OutboxStatus.PENDING and row.last_error.startswith("login refused")
        assert "nope" not in row.last_error and server.inbox.arrived == []

        right = load_settings(
            env_file=None,
            environ={**base, "SMTP_URL": f"smtp://127.0.0.1:{server.port}",
                     "SMTP_USER": "natter@example.org", "SMTP_PASSWORD": "s3cret:pass"},
        ).mail  # fmt: skip
        harness.clock.advance(seconds=6)
        await send_all(harness, right)
        await server.wait_for(SUE_AT)
        assert server.logins == ["natter@example.org"]
    finally:
        server.stop()


async def test_the_running_bot_sends_email_from_its_settings(
    db: Database, texts: Texts, settings: Settings, smtp: MailServer
) -> None:
    """As `natter run` is wired: SMTP_URL and MAIL_FROM give the outbox job its email half."""
    with_mail = load_settings(
        env_file=None,
        environ={
            "DATABASE_URL": settings.database_url, "TELEGRAM_BOT_TOKEN": "123456:TEST",
            "PSEUDONYM_KEY": PSEUDONYM_KEY, "SMTP_URL": f"smtp://127.0.0.1:{smtp.port}",
            "MAIL_FROM": SENDER_ADDRESS, "WEB_URL": "https://natter.example.org",
        },
    )  # fmt: skip
    harness = Harness(db, texts, with_mail)
    async with harness.app:
        await seed(harness, Delivery.EMAIL)
        assert "116 123" in joined(await harness.send(ANN, "I cant cope anymore"))
        context = SimpleNamespace(bot_data=harness.app.bot_data, bot=harness.app.bot)
        await jobs.send_outbox(cast(Context, context))
    (email,) = await smtp.wait_for(SUE_AT)
    assert "https://natter.example.org" in parts(email)[0]
    assert not harness.errors
