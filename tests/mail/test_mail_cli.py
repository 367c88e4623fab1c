"""`natter member set` sets where a team member's digests go, and `natter outbox` shows an email
that could not be sent; SMTP settings are read, checked, and their password kept out of sight."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.runtime.settings import ConfigError, load_settings
from storage.models import Delivery, Person, Role
from tests.support.cli import natter
from tests.support.harness import Harness
from tests.support.seed import seed_project
from tests.support.team import add_member

AT = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


async def test_member_set_sets_where_digests_go(harness: Harness, database_url: str) -> None:
    project = (await seed_project(harness.db)).project_id
    await add_member(harness.db, 9401, project, Role.STAFF, AT, "S2")
    await add_member(harness.db, 9402, project, Role.PARTICIPANT, AT, "K7")

    done = await natter(database_url, "member", "set", "S2", "--email", "sue@partner.example.org")
    assert done.code == 0, done.err
    assert done.out.strip() == (
        "Person S2: digests and alerts go to both (sue@partner.example.org)."
    )
    done = await natter(database_url, "member", "set", "Person S2", "--send-to", "email")
    assert done.code == 0 and "go to email" in done.out
    (sue,) = await harness.rows(Person, Person.pseudonym == "S2")
    assert (sue.email, sue.delivery) == ("sue@partner.example.org", Delivery.EMAIL)

    bad = await natter(database_url, "member", "set", "S2", "--email", "sue@@partner")
    assert bad.code == 1 and "'sue@@partner' is not an email address" in bad.err
    participant = await natter(database_url, "member", "set", "K7", "--send-to", "email")
    assert participant.code == 1 and "not staff or on the programme team" in participant.err

    cleared = await natter(database_url, "member", "set", "9401", "--no-email")
    assert cleared.code == 0 and "with no address yet, to Telegram" in cleared.out
    (sue,) = await harness.rows(Person, Person.pseudonym == "S2")
    assert sue.email is None


def test_smtp_settings_are_read_and_checked() -> None:
    base = {"MAIL_FROM": "Natter <natter@example.org>"}
    found = load_settings(
        env_file=None, environ={**base, "SMTP_URL": "smtps://bot%40x:p%3Ass@mail.example.org"}
    )
    assert found.mail is not None
    server = found.mail.server
    assert (server.host, server.port, server.tls) == ("mail.example.org", 465, True)
    assert (server.user, server.password) == ("bot@x", "p:ss")
    assert "p:ss" in found.secrets and "p:ss" not in repr(found)  # never printed
    plain = load_settings(
        env_file=None,
        environ={**base, "SMTP_URL": "smtp://mail.example.org:2525", "SMTP_USER": "u",
                 "SMTP_PASSWORD": "secret", "WEB_URL": "https://natter.example.org/"},
    )  # fmt: skip
    assert plain.mail is not None and plain.mail.server.tls is False
    assert (plain.mail.server.port, plain.mail.server.user) == (2525, "u")
    assert plain.mail.web_url == "https://natter.example.org"
    assert load_settings(env_file=None, environ={}).mail is None


@pytest.mark.parametrize(
    ("environ", "said"),
    [
        ({"SMTP_URL": "smtp://mail.example.org"}, "MAIL_FROM is not set"),
        ({"SMTP_URL": "http://u:hunter2@mail.example.org", "MAIL_FROM": "n@example.org"},
         "SMTP_URL is not an SMTP address"),
        ({"SMTP_URL": "smtp://mail.example.org", "MAIL_FROM": "natter"}, "MAIL_FROM 'natter'"),
    ],
)  # fmt: skip
def test_bad_smtp_settings_stop_with_one_sentence(environ: dict[str, str], said: str) -> None:
    with pytest.raises(ConfigError) as raised:
        load_settings(env_file=None, environ=environ)
    assert said in str(raised.value) and "hunter2" not in str(raised.value)
