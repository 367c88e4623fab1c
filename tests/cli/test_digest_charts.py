"""`natter digest preview --charts DIR`: a project's digest with the charts the weekly digest
sends, written as PNG files and named with their text alternatives; run as a real subprocess."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PIL import Image
from sqlalchemy import select

from storage.db import Database
from storage.models import Kind, Project, Role
from tests.support.cli import natter
from tests.support.team import add_comment, add_member


async def test_digest_preview_writes_the_charts(
    db: Database, database_url: str, tmp_path: Path
) -> None:
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
            "Tea",
            "--digest",
            "thu 17:30",
        ),
    ):
        assert (await natter(database_url, *args)).code == 0
    async with db.transaction() as session:
        tea = await session.scalar(select(Project.id).where(Project.slug == "tea"))
    assert tea is not None
    ann = await add_member(db, 77, tea, Role.PARTICIPANT, datetime(2026, 11, 1, tzinfo=UTC), "K7")
    when = datetime(2026, 11, 17, 10, tzinfo=UTC)
    await add_comment(db, ann, tea, "The tea was lovely", when, Kind.LIKED)
    shots = tmp_path / "charts"
    args = ("digest", "preview", "--week", "2026-W47", "--charts", str(shots))
    made = await natter(database_url, *args[:2], "--project", "tea", *args[2:])
    assert made.code == 0, made.err
    assert f"{shots / 'weekly.png'}: Comments each week" in made.out and "In all: 1." in made.out
    assert "Tea" in made.out  # the words come first, as ever
    with Image.open(shots / "weekly.png") as weekly:
        assert weekly.format == "PNG" and weekly.size == (1200, 675)
    refused = await natter(database_url, *args[:2], "--programme", *args[2:])
    assert refused.code == 1 and "programme" in refused.err
    plain = await natter(
        database_url, "digest", "preview", "--project", "tea", "--week", "2026-W40"
    )
    assert plain.code == 0 and ".png" not in plain.out
