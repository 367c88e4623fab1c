"""Fast bulk seeding: partners, projects, people, memberships, group sessions and comments.

Rows go in with SQLAlchemy Core executemany on SQLite and with COPY on PostgreSQL, never
through the ORM, so a million comments take seconds rather than minutes. The ids of seeded
rows are given explicitly; on PostgreSQL the id sequences are moved past them afterwards so
rows the bot itself adds later do not collide.
"""

from __future__ import annotations

import enum
import itertools
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Table, bindparam, insert, text
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.sql.schema import ScalarElementColumnDefault

from bot.core.deps import CONSENT_VERSION
from storage.db import Database
from storage.models import (
    Agreement,
    Comment,
    GroupSession,
    Kind,
    Level,
    Membership,
    Partner,
    Person,
    ProgrammeQuestion,
    Project,
    Response,
    Role,
    Source,
)

Row = dict[str, Any]
CHUNK = 20_000
LONG_AGO = datetime(2025, 1, 6, tzinfo=UTC)

_SUBJECTS = (
    "the tea", "the biscuits", "the minibus", "the quiz", "the singing", "the hall",
    "the volunteers", "the raffle", "the chair exercises", "the lunch", "the garden",
    "the music", "the library visit", "the bingo", "the knitting circle", "the walk",
    "the coffee", "the film afternoon", "the craft table", "the talk about scams",
)  # fmt: skip
_TEMPLATES: dict[Kind, tuple[str, ...]] = {
    Kind.LIKED: (
        "I really enjoyed {s} this week",
        "{S} was lovely, thank you",
        "Thank you for {s}, it made my day",
        "Good to see everyone, and {s} was a treat",
    ),
    Kind.CHANGE: (
        "{S} could start a bit later in the morning",
        "It would help if {s} was not so noisy",
        "{S} is hard to hear from the back",
        "Could {s} be nearer the bus stop",
    ),
    Kind.IDEA: (
        "Could we have {s} on Fridays too",
        "Maybe a trip to the seaside after {s}",
        "What about a sing-along after {s}",
        "It would be nice to bring a friend to {s}",
    ),
    Kind.MOOD: ("Feeling good today", "A bit tired but glad I came", "Not bad at all"),
    Kind.OTHER: (
        "My daughter dropped me off for {s}",
        "I will be away next week but back for {s}",
        "Is {s} on again after Christmas",
        "I met a new neighbour at {s}",
    ),
}
KIND_WEIGHTS = {Kind.LIKED: 30, Kind.CHANGE: 20, Kind.IDEA: 15, Kind.MOOD: 5, Kind.OTHER: 30}
_PLACES = ("the church hall", "the library", "the community centre", "the park cafe")
_BANDS = ("1-5", "6-10", "11-20", "20+")


def sentence(rng: random.Random, kind: Kind) -> str:
    subject = rng.choice(_SUBJECTS)
    template = rng.choice(_TEMPLATES[kind])
    return template.format(s=subject, S=subject[0].upper() + subject[1:])


def all_sentences() -> Iterator[str]:
    """Every sentence `sentence` can make (to check none of them trips safeguarding)."""
    for kind, templates in _TEMPLATES.items():
        for template, subject in itertools.product(templates, _SUBJECTS):
            yield template.format(s=subject, S=subject[0].upper() + subject[1:])
        del kind


def pseudonym(n: int) -> str:
    """A unique made-up name for seeded person n (the bot's own look like "K7")."""
    return f"{'ABCDEFGHJKLMNPQRSTUVWXYZ'[n % 24]}{n // 24 + 2}"


# --- writing rows ---------------------------------------------------------------------------


def _driver_value(value: object) -> object:
    return value.value if isinstance(value, enum.Enum) else value


async def insert_rows(db: Database, table: Table, rows: Sequence[Row]) -> None:
    """Insert many rows at once: COPY on PostgreSQL, Core executemany on SQLite."""
    if not rows:
        return
    async with db.engine.begin() as conn:
        await _insert(conn, table, rows)


def _scalar_defaults(table: Table, given: Sequence[str]) -> dict[str, object]:
    """Columns the rows leave out that have a plain Python default (a new column added since
    the rows were written): Core would bind them, and COPY would leave them NULL."""
    return {
        c.name: c.default.arg
        for c in table.columns
        if c.name not in given and isinstance(c.default, ScalarElementColumnDefault)
    }


async def _insert(conn: AsyncConnection, table: Table, rows: Sequence[Row]) -> None:
    defaults = _scalar_defaults(table, list(rows[0]))
    if defaults:
        # In the table's column order, which is the order Core binds them in.
        order = [c.name for c in table.columns if c.name in rows[0] or c.name in defaults]
        rows = [{c: row[c] if c in row else defaults[c] for c in order} for row in rows]
    if conn.dialect.name == "postgresql":
        columns = list(rows[0])
        raw = await conn.get_raw_connection()
        driver: Any = raw.driver_connection
        records = [tuple(_driver_value(row[c]) for c in columns) for row in rows]
        await driver.copy_records_to_table(table.name, records=records, columns=columns)
    else:
        # Core's executemany, minus its per-row bookkeeping: the columns' own bind processors
        # (so datetimes are stored exactly as the models store them), then the driver's.
        columns = list(rows[0])
        dialect = conn.dialect
        processors = [
            table.c[c].type.dialect_impl(dialect).bind_processor(dialect) for c in columns
        ]
        statement = str(
            insert(table).values({c: bindparam(c) for c in columns}).compile(dialect=dialect)
        )
        raw = await conn.get_raw_connection()
        driver = raw.driver_connection
        for start in range(0, len(rows), CHUNK):
            records = [
                tuple(
                    row[c] if p is None else p(row[c])
                    for c, p in zip(columns, processors, strict=True)
                )
                for row in rows[start : start + CHUNK]
            ]
            await driver.executemany(statement, records)


async def reset_sequences(db: Database, tables: Sequence[Table]) -> None:
    """After explicit ids on PostgreSQL: move each id sequence past the largest id."""
    if db.backend != "postgresql":
        return
    async with db.engine.begin() as conn:
        for table in tables:
            await conn.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                    f"COALESCE((SELECT max(id) FROM {table.name}), 0) + 1, false)"
                )
            )


async def analyze(db: Database) -> None:
    """Refresh the planner's statistics on PostgreSQL, as autovacuum would after bulk loads.

    Natter never runs ANALYZE on SQLite, so neither does this: the plans shown are the ones
    a real deployment gets.
    """
    if db.backend == "postgresql":
        async with db.engine.connect() as conn:
            await conn.execution_options(isolation_level="AUTOCOMMIT")
            await conn.execute(text("ANALYZE"))


# --- projects and people ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Member:
    person_id: int
    telegram_id: int
    project_id: int
    pseudonym: str


async def add_projects(
    db: Database, count: int, created_at: datetime = LONG_AGO, checkin_every_days: int = 14
) -> list[int]:
    """`count` projects (ten to a partner), created well before any week measured."""
    partners = max(1, (count + 9) // 10)
    await insert_rows(
        db,
        Partner.__table__,  # type: ignore[arg-type]
        [
            {"id": i, "slug": f"partner-{i}", "name": f"Partner {i}", "contact": "0114 000 0000",
             "created_at": created_at}
            for i in range(1, partners + 1)
        ],
    )  # fmt: skip
    await insert_rows(
        db,
        Project.__table__,  # type: ignore[arg-type]
        [
            {
                "id": i, "partner_id": 1 + (i - 1) % partners, "slug": f"project-{i}",
                "name": f"Project {i} coffee morning", "about": "A cuppa and a chat.",
                "open_to_change": "What we do each week.", "fixed": "The day and the hall.",
                "question_set": "default", "digest_weekday": 0, "digest_time": "09:00",
                "timezone": None, "checkin_every_days": checkin_every_days, "checkin_from": "10:00",
                "checkin_until": "19:00", "checkin_sundays": False, "created_at": created_at,
            }
            for i in range(1, count + 1)
        ],
    )  # fmt: skip
    await reset_sequences(db, [Partner.__table__, Project.__table__])  # type: ignore[list-item]
    return list(range(1, count + 1))


@dataclass
class People:
    """Allocates person ids, telegram ids and membership ids across several calls."""

    next_person: int = 1
    next_membership: int = 1
    first_telegram_id: int = 50_000_000
    members: list[Member] = field(default_factory=list)

    async def add(
        self,
        db: Database,
        project_ids: Sequence[int],
        per_project: int,
        role: Role = Role.PARTICIPANT,
        joined_at: datetime = LONG_AGO,
    ) -> list[Member]:
        """`per_project` new people in each project, each a member of that one project."""
        added = []
        for project_id in project_ids:
            for _ in range(per_project):
                n = self.next_person
                self.next_person += 1
                added.append(Member(n, self.first_telegram_id + n, project_id, pseudonym(n)))
        people = [
            {
                "id": m.person_id, "telegram_id": m.telegram_id, "pseudonym": m.pseudonym,
                "language": "en", "consent_version": CONSENT_VERSION, "consented_at": joined_at,
                "paused": False, "unreachable": False, "created_at": joined_at,
                "last_checkin_at": None, "checkins_unanswered": 0, "checkins_paused_until": None,
            }
            for m in added
        ]  # fmt: skip
        memberships = []
        for m in added:
            memberships.append(
                {"id": self.next_membership, "person_id": m.person_id,
                 "project_id": m.project_id, "role": role, "joined_at": joined_at,
                 "last_checkin_at": None, "checkin_turn": 0}
            )  # fmt: skip
            self.next_membership += 1
        await insert_rows(db, Person.__table__, people)  # type: ignore[arg-type]
        await insert_rows(db, Membership.__table__, memberships)  # type: ignore[arg-type]
        await reset_sequences(db, [Person.__table__, Membership.__table__])  # type: ignore[list-item]
        self.members.extend(added)
        return added


# --- a history of comments ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class History:
    """What to generate: `comments` spread evenly over `weeks` weeks that end at `end`."""

    project_ids: Sequence[int]
    members: Sequence[Member]
    end: datetime
    weeks: int
    comments: int
    relayed_share: float = 0.05  # noted by a volunteer at a group session
    collective_share: float = 0.002  # answers to the programme team's question
    flagged_share: float = 0.001  # safeguarding: half of them already looked at
    answered_share: float = 0.3  # of suggestions, how many have staff's reply
    seed: int = 7


@dataclass
class Generated:
    comments: int = 0
    sessions: int = 0
    responses: int = 0


async def add_history(db: Database, plan: History, first_comment_id: int = 1) -> Generated:
    """Group sessions, staff replies, one programme question, and the comments."""
    rng = random.Random(plan.seed)
    start = plan.end - timedelta(weeks=plan.weeks)
    by_project: dict[int, list[Member]] = {}
    for member in plan.members:
        by_project.setdefault(member.project_id, []).append(member)
    projects = [p for p in plan.project_ids if by_project.get(p)]
    result = Generated()

    # One group session and one staff reply a week per project.
    sessions: dict[tuple[int, int], int] = {}
    responses: dict[tuple[int, int], int] = {}
    session_rows: list[Row] = []
    response_rows: list[Row] = []
    for week in range(plan.weeks):
        monday = start + timedelta(weeks=week)
        for project_id in projects:
            held = monday + timedelta(days=1, hours=10)
            sessions[project_id, week] = len(session_rows) + 1
            session_rows.append(
                {"id": len(session_rows) + 1, "project_id": project_id, "volunteer_id": None,
                 "place": rng.choice(_PLACES), "held_on": held.date(),
                 "headcount": rng.randint(4, 25), "headcount_band": rng.choice(_BANDS),
                 "opened_at": held, "closed_at": held + timedelta(hours=1)}
            )  # fmt: skip
            replied = monday + timedelta(days=3, hours=14)
            responses[project_id, week] = len(response_rows) + 1
            response_rows.append(
                {"id": len(response_rows) + 1, "project_id": project_id, "staff_id": None,
                 "outcome": rng.choice(("changed", "looking", "cannot")),
                 "text": "We have asked the hall about it.", "reason": None, "version": 1,
                 "created_at": replied, "updated_at": replied}
            )  # fmt: skip
    await insert_rows(db, GroupSession.__table__, session_rows)  # type: ignore[arg-type]
    await insert_rows(db, Response.__table__, response_rows)  # type: ignore[arg-type]
    await insert_rows(
        db,
        ProgrammeQuestion.__table__,  # type: ignore[arg-type]
        [{"id": 1, "text": "What would make it easier to come along?", "asked_by": None,
          "active": False, "created_at": start}],
    )  # fmt: skip
    result.sessions, result.responses = len(session_rows), len(response_rows)

    kinds = list(KIND_WEIGHTS)
    weights = list(KIND_WEIGHTS.values())
    span = (plan.end - start).total_seconds()
    chunk: list[Row] = []
    for n in range(plan.comments):
        comment_id = first_comment_id + n
        project_id = projects[n % len(projects)]
        created = start + timedelta(seconds=rng.random() * span)
        week = min(plan.weeks - 1, int((created - start) / timedelta(weeks=1)))
        kind = rng.choices(kinds, weights)[0]
        member = rng.choice(by_project[project_id])
        roll = rng.random()
        relayed = roll < plan.relayed_share
        collective = not relayed and roll < plan.relayed_share + plan.collective_share
        flagged = rng.random() < plan.flagged_share
        suggestion = relayed or kind in (Kind.CHANGE, Kind.IDEA)
        answered = suggestion and not flagged and rng.random() < plan.answered_share
        chunk.append(
            {
                "id": comment_id, "project_id": project_id,
                "person_id": None if relayed else member.person_id,
                "group_session_id": sessions[project_id, week] if relayed else None,
                "agreement": rng.choice(list(Agreement)) if relayed else None,
                "response_id": responses[project_id, week] if answered else None,
                "source": Source.RELAYED if relayed else Source.PARTICIPANT,
                "level": Level.GROUP if relayed else (
                    Level.COLLECTIVE if collective else Level.INDIVIDUAL),
                "question_key": "programme:1" if collective else None,
                "kind": Kind.OTHER if collective else kind,
                "text": sentence(rng, kind), "voice_file_id": None, "voice_seconds": None,
                "chat_id": member.telegram_id, "message_id": comment_id, "flagged": flagged,
                "flag_topic": "wellbeing" if flagged else None,
                "reviewed_at": created + timedelta(hours=2) if flagged and n % 2 else None,
                "review_note": None, "mood": None, "created_at": created, "edited_at": None,
            }
        )  # fmt: skip
        if len(chunk) >= CHUNK * 5:
            await insert_rows(db, Comment.__table__, chunk)  # type: ignore[arg-type]
            chunk = []
    await insert_rows(db, Comment.__table__, chunk)  # type: ignore[arg-type]
    result.comments = plan.comments
    await reset_sequences(
        db,
        [Comment.__table__, GroupSession.__table__, Response.__table__,  # type: ignore[list-item]
         ProgrammeQuestion.__table__],  # type: ignore[list-item]
    )  # fmt: skip
    return result


def monday_after(day: date) -> date:
    return day + timedelta(days=(7 - day.weekday()) % 7 or 7)
