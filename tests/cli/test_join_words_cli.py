"""`natter project add` gives a join word; `invite` prints it before the link; `projects` lists
it; `project set --new-join-word` changes it. A database from before join words gets one per
project when it is upgraded."""

from __future__ import annotations

import re
from pathlib import Path

from storage.db import Database
from storage.migrate import upgrade
from storage.models import Invite
from tests.support.cli import natter
from tests.support.harness import Harness

WORD = re.compile(r"Join word: ([A-HJ-NP-Z]{3,5}[2-9]{2})$", re.MULTILINE)


async def test_join_word_through_the_commands(database_url: str, harness: Harness) -> None:
    assert (await natter(database_url, "partner", "add", "--slug", "p", "--name", "P")).code == 0
    added = await natter(
        database_url, "project", "add", "--partner", "p", "--slug", "walk",
        "--name", "Monday Walk",
    )  # fmt: skip
    assert added.code == 0, added.err
    (word,) = WORD.findall(added.out)
    assert word.startswith("WALK")  # MONDAY is too long: the name's one short word

    invite = await natter(
        database_url, "invite", "--project", "walk", "--role", "participant",
        "--bot-username", "natter_bot",
    )  # fmt: skip
    lines = invite.out.strip().splitlines()
    assert lines[-2] == f"Join word: {word}" and lines[-1].startswith("https://t.me/natter_bot")
    staff = await natter(
        database_url, "invite", "--project", "walk", "--role", "staff",
        "--bot-username", "natter_bot",
    )  # fmt: skip
    assert "Join word" not in staff.out  # a team invite is a link only

    table = await natter(database_url, "projects")
    assert "JOIN WORD" in table.out and word in table.out

    changed = await natter(database_url, "project", "set", "--slug", "walk", "--new-join-word")
    assert changed.code == 0, changed.err
    (new,) = re.findall(r"new join word: (\w+)", changed.out)
    assert new != word and new in (await natter(database_url, "projects")).out
    words = [i.word for i in await harness.rows(Invite) if i.word]
    assert words == [new]


async def test_upgrading_gives_existing_projects_a_word(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'old.db'}"
    db = Database(url)
    try:
        await upgrade(db, "0013")
        async with db.engine.begin() as connection:
            await connection.exec_driver_sql(
                "INSERT INTO partners (slug, name, created_at) VALUES ('p', 'P', '2026-11-01')"
            )
            for slug, name in (("a", "Tea Dance"), ("b", "Firth Park Coffee Morning")):
                await connection.exec_driver_sql(
                    "INSERT INTO projects (partner_id, slug, name, question_set, created_at)"
                    f" VALUES (1, '{slug}', '{name}', 'default', '2026-11-01')"
                )
        await upgrade(db)
    finally:
        await db.dispose()
    table = await natter(url, "projects")
    found = re.findall(r"\b([A-HJ-NP-Z]{3,5}[2-9]{2})\b", table.out)
    assert len(found) == 2 and found[0][:-2] in ("TEA", "DANCE") and found[1].startswith("PARK")
