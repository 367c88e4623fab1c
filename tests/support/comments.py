"""Comments seeded straight into the database with their themes and answers, for the charts and
the printable report: a quarter of one project, with figures the tests can check by hand."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from storage.db import Database
from storage.models import Comment, Kind, Outcome, Response, Role
from tests.support.seed import seed_project
from tests.support.team import add_member

_message_ids = itertools.count(2_000_000)


@dataclass(frozen=True)
class Said:
    at: datetime
    kind: Kind
    text: str
    themes: dict[str, bool] | None = None
    staff_themes: dict[str, bool] | None = None
    flagged: bool = False
    answer: Outcome | None = None  # staff's answer to it, sent a day later
    quoted: str | None = None  # the words with names kept out, when there were names


async def seed_comments(db: Database, project_id: int, person_id: int, said: list[Said]) -> None:
    async with db.transaction() as session:
        for one in said:
            comment = Comment(
                project_id=project_id, person_id=person_id, kind=one.kind, text=one.text,
                quoted=one.quoted, themes=one.themes, staff_themes=one.staff_themes,
                flagged=one.flagged, chat_id=person_id, message_id=next(_message_ids),
                created_at=one.at,
            )  # fmt: skip
            if one.answer is not None:
                replied = one.at + timedelta(days=1)
                reply = f"About: {one.quoted or one.text}"  # staff write no names either
                response = Response(
                    project_id=project_id, outcome=one.answer, text=reply,
                    created_at=replied, updated_at=replied,
                )  # fmt: skip
                session.add(response)
                await session.flush()
                comment.response_id = response.id
            session.add(comment)


def at(day: date, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)


LAST_DAY = date(2026, 11, 22)  # a Sunday: the digest of the week to it goes on Monday 23 Nov
# Europe/London was on summer time until 25 Oct: 23:30 UTC on 6 Sep is 00:30 on Monday 7 Sep.
QUARTER = [
    Said(
        at(date(2026, 11, 16)),
        Kind.LIKED,
        "Lovely welcome from Ann",
        {"welcome": True},
        quoted="Lovely welcome from [name]",
    ),
    Said(at(date(2026, 11, 17)), Kind.CHANGE, "The bus never comes on time", {"transport": False}),
    Said(
        at(date(2026, 11, 18)),
        Kind.IDEA,
        "Could we have a quiz night?",
        {"venue": False},
        staff_themes={"activities": True},
    ),
    Said(
        at(date(2026, 11, 10)),
        Kind.CHANGE,
        "No bus home after four",
        {"transport": False},
        answer=Outcome.LOOKING,
    ),
    Said(
        at(date(2026, 11, 11)),
        Kind.CHANGE,
        "The hall is freezing",
        {"venue": False},
        answer=Outcome.CHANGED,
    ),
    Said(at(date(2026, 9, 6), 23, 30), Kind.LIKED, "Great singing today", {"activities": True}),
    # Never counted: it sounded like danger, and one from before the 12 weeks.
    Said(at(date(2026, 11, 19)), Kind.OTHER, "I feel so alone", {"health": False}, flagged=True),
    Said(at(date(2026, 8, 30)), Kind.CHANGE, "Too early in the year", {"timing": False}),
]


async def seed_two_projects(db: Database) -> tuple[int, int]:
    """A project with a quarter of comments (QUARTER) and another with three of its own, which
    must never show in the first one's figures: (first, other) project ids."""
    seeded = await seed_project(db)
    other = await seed_project(db, slug="elsewhere", name="Elsewhere Lunch Club")
    ann = await add_member(db, 902, seeded.project_id, Role.PARTICIPANT, at(LAST_DAY), "K7")
    await seed_comments(db, seeded.project_id, ann, QUARTER)
    bob = await add_member(db, 903, other.project_id, Role.PARTICIPANT, at(LAST_DAY), "K8")
    elsewhere = Said(at(date(2026, 11, 16)), Kind.CHANGE, "Cold soup", {"food": False})
    await seed_comments(db, other.project_id, bob, [elsewhere] * 3)
    return seeded.project_id, other.project_id
