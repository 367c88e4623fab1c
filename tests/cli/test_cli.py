"""The operator's `natter` command, run as a real subprocess against the test database."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from bot.joining import invites
from storage.db import Database
from storage.models import Invite, Kind, Project, Role
from tests.support.cli import natter
from tests.support.harness import Harness


async def test_partner_project_invite_and_table(
    db: Database, database_url: str, tmp_path: Path, harness: Harness
) -> None:
    ok = await natter(
        database_url,
        "partner",
        "add",
        "--slug",
        "age-uk",
        "--name",
        "Age UK",
        "--contact",
        "0114 000",
    )
    assert ok.code == 0, ok.err
    dup = await natter(database_url, "partner", "add", "--slug", "age-uk", "--name", "Again")
    assert dup.code == 1 and "already exists" in dup.err and "Traceback" not in dup.err
    bad = await natter(database_url, "partner", "add", "--slug", "Age UK!", "--name", "x")
    assert bad.code == 1 and "slug" in bad.err

    made = await natter(
        database_url,
        "project",
        "add",
        "--partner",
        "age-uk",
        "--slug",
        "walk",
        "--name",
        "Monday Walk",
        "--about",
        "A gentle walk.",
        "--open-to-change",
        "The route",
        "--fixed",
        "Mondays",
    )
    assert made.code == 0, made.err
    unknown = await natter(
        database_url, "project", "add", "--partner", "nobody", "--slug", "x", "--name", "X"
    )
    assert unknown.code == 1 and "no partner 'nobody'" in unknown.err
    no_set = await natter(
        database_url,
        "project",
        "add",
        "--partner",
        "age-uk",
        "--slug",
        "y",
        "--name",
        "Y",
        "--questions",
        "nope",
    )
    assert no_set.code == 1 and "question set" in no_set.err

    qr = tmp_path / "flyer.png"
    invite = await natter(
        database_url,
        "invite",
        "--project",
        "walk",
        "--role",
        "participant",
        "--bot-username",
        "natter_bot",
        "--qr",
        str(qr),
    )
    assert invite.code == 0, invite.err
    link = invite.out.strip().splitlines()[-1]
    assert link.startswith("https://t.me/natter_bot?start=")
    code = link.rsplit("=", 1)[1]
    assert 20 <= len(code) <= 64 and all(c.isalnum() or c in "-_" for c in code)
    assert qr.read_bytes().startswith(b"\x89PNG")

    staff = await natter(
        database_url,
        "invite",
        "--project",
        "walk",
        "--role",
        "staff",
        "--bot-username",
        "natter_bot",
    )
    assert staff.code == 0
    invites = {i.role: i for i in await harness.rows(Invite)}
    assert (
        invites[Role.PARTICIPANT].uses_left is None and invites[Role.PARTICIPANT].expires_at is None
    )
    assert invites[Role.STAFF].uses_left == 1 and invites[Role.STAFF].expires_at is not None

    for args, message in [
        (
            ("invite", "--project", "nowhere", "--role", "staff", "--bot-username", "b"),
            "no project",
        ),
        (("invite", "--project", "walk", "--bot-username", "b"), "--role"),
        (
            (
                "invite",
                "--project",
                "walk",
                "--role",
                "participant",
                "--uses",
                "0",
                "--bot-username",
                "b",
            ),
            "--uses",
        ),
        (("invite", "--project", "walk", "--role", "participant"), "TELEGRAM_BOT_TOKEN"),
    ]:
        result = await natter(database_url, *args)
        assert result.code in (1, 2) and message in result.err, (args, result.err)
    bad_role = await natter(database_url, "invite", "--project", "walk", "--role", "boss")
    assert bad_role.code == 2 and "invalid choice" in bad_role.err

    revoked = await natter(database_url, "invite", "revoke", code)
    assert revoked.code == 0 and "no longer works" in revoked.out
    assert (await harness.rows(Invite, Invite.code == code))[0].revoked_at is not None
    assert "no invite" in (await natter(database_url, "invite", "revoke", "nothing-here")).err

    programme = await natter(database_url, "invite", "--programme", "--bot-username", "natter_bot")
    assert programme.code == 0 and "start=" in programme.out.splitlines()[-1]

    table = await natter(database_url, "projects")
    assert table.code == 0
    assert "walk" in table.out and "Monday Walk" in table.out and "PARTICIPANT" in table.out


async def test_db_upgrade_only_upgrades(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'fresh.db'}"
    result = await natter(url, "db", "upgrade")
    assert result.code == 0 and "up to date" in result.out
    assert (tmp_path / "fresh.db").exists()


async def test_check_prompts_passes_on_shipped_prompts() -> None:
    result = await natter("sqlite+aiosqlite:///unused.db", "check-prompts")
    assert result.code == 0, result.out


async def test_digest_commands(
    db: Database, database_url: str, tmp_path: Path, harness: Harness
) -> None:
    from tests.support.team import add_comment, add_member

    for args in (
        ("partner", "add", "--slug", "p", "--name", "P"),
        (
            "project",
            "add",
            "--partner",
            "p",
            "--slug",
            "tea",
            "--name",
            "Tea & Talk",
            "--digest",
            "thu 17:30",
        ),
    ):
        assert (await natter(database_url, *args)).code == 0
    bad = await natter(database_url, "project", "set", "--slug", "tea", "--digest", "someday")
    assert bad.code == 1 and "mon 09:00" in bad.err
    moved = await natter(
        database_url, "project", "set", "--slug", "tea", "--digest", "Monday 08:15"
    )
    assert moved.code == 0 and "mon 08:15" in moved.out
    (project,) = await harness.rows(Project)
    assert (project.digest_weekday, project.digest_time) == (0, "08:15")

    ann = await add_member(db, 77, project.id, Role.PARTICIPANT, harness.clock.now(), "K7")
    await add_comment(
        db,
        ann,
        project.id,
        "=SUM(A1) lovely <tea>",
        datetime(2026, 11, 17, 10, tzinfo=UTC),
        Kind.LIKED,
    )
    preview = await natter(
        database_url, "digest", "preview", "--project", "tea", "--week", "2026-W47"
    )
    assert preview.code == 0, preview.err
    assert (
        "Tea &amp; Talk" in preview.out
        and "lovely &lt;tea&gt;" in preview.out
        and "Person K7" in preview.out
    )
    quiet = await natter(
        database_url, "digest", "preview", "--project", "tea", "--week", "2026-W40"
    )
    assert "quiet week" in quiet.out
    assert (
        await natter(database_url, "digest", "preview", "--project", "tea", "--week", "47")
    ).code == 1
    programme = await natter(database_url, "digest", "preview", "--programme", "--week", "2026-W47")
    assert "Tea &amp; Talk" in programme.out and "lovely" not in programme.out

    out = tmp_path / "tea.csv"
    export = await natter(
        database_url,
        "export",
        "--project",
        "tea",
        "--from",
        "2026-11-16",
        "--to",
        "2026-11-22",
        "--out",
        str(out),
    )
    assert export.code == 0, export.err
    assert "'=SUM(A1) lovely <tea>" in out.read_text()  # a spreadsheet formula is defused
    none = await natter(
        database_url, "export", "--project", "tea", "--from", "2026-10-01", "--to", "2026-10-02"
    )
    assert "No comments" in none.err and none.out.startswith("date,")
    assert (
        await natter(
            database_url, "export", "--project", "tea", "--from", "yesterday", "--to", "2026-10-02"
        )
    ).code == 1

    listing = await natter(database_url, "outbox")
    assert listing.code == 0 and "empty" in listing.out


def test_an_invite_code_never_reads_as_an_option() -> None:
    """`natter invite revoke CODE` takes the code as pasted: one starting with "-" would be
    read as an option (a random code did so about once in 64)."""
    assert not any(invites.new_code().startswith("-") for _ in range(2000))
