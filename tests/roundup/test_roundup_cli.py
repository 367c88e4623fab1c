"""`natter roundup preview` and `natter project set --roundup-day`, run as an operator would."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PIL import Image

from storage.db import Database
from storage.models import Comment, Kind, Outcome, Response, Role
from tests.support.cli import natter
from tests.support.seed import seed_project
from tests.support.team import add_member


async def _replied(
    db: Database, project_id: int, person_id: int, outcome: Outcome, did: str
) -> None:
    # The CLI reads the real clock: a reply sent a minute ago is in this month so far.
    at = datetime.now(UTC) - timedelta(minutes=1)
    async with db.transaction() as session:
        response = Response(
            project_id=project_id, outcome=outcome, text=did, created_at=at, updated_at=at
        )
        session.add(response)
        await session.flush()
        session.add(
            Comment(
                project_id=project_id, person_id=person_id, kind=Kind.CHANGE,
                text="Ann says the hall is cold", quoted="[name] says the hall is cold",
                chat_id=person_id, message_id=9_100_000 + response.id, created_at=at,
                response_id=response.id,
            )
        )  # fmt: skip


async def test_the_preview_prints_this_month_so_far(
    db: Database, database_url: str, tmp_path: Path
) -> None:
    seeded = await seed_project(db, slug="tea", name="Tea & Talk")
    empty = await natter(database_url, "roundup", "preview", "--project", "tea")
    assert empty.code == 0, empty.err
    assert "Nothing to tell this month" in empty.out

    ann = await add_member(db, 9100, seeded.project_id, Role.PARTICIPANT, datetime.now(UTC), "K1")
    await _replied(db, seeded.project_id, ann, Outcome.CHANGED, "The heating comes on earlier.")
    await _replied(db, seeded.project_id, ann, Outcome.CANNOT, "We can't move the hall.")
    card = tmp_path / "card.png"
    shown = await natter(
        database_url, "roundup", "preview", "--project", "tea", "--card", str(card)
    )
    assert shown.code == 0, shown.err
    assert "This month at Tea & Talk" in shown.out
    assert "“[name] says the hall is cold”\nThe heating comes on earlier." in shown.out
    assert "Ann" not in shown.out and "move the hall" not in shown.out
    assert Image.open(io.BytesIO(card.read_bytes())).size == (870, 1245)

    missing = await natter(database_url, "roundup", "preview", "--project", "nope")
    assert missing.code == 1 and "no project 'nope'" in missing.err


async def test_the_round_up_day_is_set_like_the_digest(db: Database, database_url: str) -> None:
    await seed_project(db, slug="tea", name="Tea & Talk")
    done = await natter(database_url, "project", "set", "--slug", "tea", "--roundup-day", "15")
    assert done.code == 0, done.err
    assert "its round-up on day 15 of each month" in done.out
    bad = await natter(database_url, "project", "set", "--slug", "tea", "--roundup-day", "31")
    assert bad.code == 1 and "not a day from 1 to 28" in bad.err
