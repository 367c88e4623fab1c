"""The numbers a funder asks for: figures from seeded data, checked number by number."""

from __future__ import annotations

import csv
import io
import itertools
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import update

from bot.core import buttons as callbacks
from bot.joining import invites
from bot.reports.flow import named_range, parse_range
from bot.reports.numbers import Figures, gather, render_csv, render_markdown, render_text
from prompts import Prompts
from storage.db import Database
from storage.models import (
    Comment,
    GroupSession,
    Kind,
    Level,
    Outcome,
    Person,
    Project,
    Response,
    Role,
    Source,
)
from tests.support.cli import natter
from tests.support.harness import Harness, join, joined
from tests.support.offline import Call
from tests.support.seed import seed_project

STAFF, ANN, PROGRAMME, WALK_STAFF = 100, 200, 300, 400
OCTOBER = (date(2026, 10, 1), date(2026, 10, 31))
# October in London, in UTC: British Summer Time until the 25th.
OCTOBER_UTC = (datetime(2026, 9, 30, 23, tzinfo=UTC), datetime(2026, 11, 1, tzinfo=UTC))
_message_ids = itertools.count(5_000_000)


def at(month: int, day: int, hour: int = 12, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


@dataclass(frozen=True)
class Seeded:
    park: int  # Firth Park Coffee Morning
    walk: int  # Monday Walkers
    quiet: int  # Quiet Knitters: nothing at all
    codes: dict[str, str]


def comment(project_id: int | None, when: datetime, **fields: object) -> Comment:
    values: dict[str, object] = {"kind": Kind.OTHER, "level": Level.INDIVIDUAL, "flagged": False}
    values |= {"source": Source.PARTICIPANT, "text": "said something", **fields}
    return Comment(
        project_id=project_id, chat_id=1, message_id=next(_message_ids), created_at=when, **values
    )


def reply(project_id: int, outcome: Outcome, when: datetime) -> Response:
    return Response(
        project_id=project_id, outcome=outcome, text="We did it.", created_at=when, updated_at=when
    )


async def seed_october(db: Database) -> Seeded:
    """Two busy projects and a quiet one; the expected figures are worked out in the tests."""
    park_seed = await seed_project(db)
    walk_seed = await seed_project(db, slug="walk", name="Monday Walkers")
    quiet_seed = await seed_project(db, slug="knit", name="Quiet Knitters")
    park, walk = park_seed.project_id, walk_seed.project_id
    async with db.transaction() as session:
        people = [
            Person(
                telegram_id=9000 + i, pseudonym=f"T{i}", consent_version="t", consented_at=at(9, 1)
            )
            for i in range(11)
        ]
        session.add_all(people)
        sessions = [
            GroupSession(project_id=park, place="Firth Park Library", held_on=date(2026, 10, 6),
                         headcount=8, headcount_band="6-10", opened_at=at(10, 6, 10)),
            GroupSession(project_id=park, place="=Tea & cake", held_on=date(2026, 10, 20),
                         headcount=14, opened_at=at(10, 20, 10)),
            GroupSession(project_id=park, place="September hall", held_on=date(2026, 9, 15),
                         headcount=30, opened_at=at(9, 15, 10)),
            GroupSession(project_id=walk, place="Endcliffe Park", held_on=date(2026, 10, 12),
                         headcount=3, opened_at=at(10, 12, 10)),
        ]  # fmt: skip
        replies = [
            reply(park, Outcome.CHANGED, at(10, 3)),  # 1 day after the change asked for
            reply(park, Outcome.LOOKING, at(10, 6)),  # 2 days after the idea
            reply(park, Outcome.CHANGED, at(10, 12)),  # 6 and 4 days: answers two
            reply(park, Outcome.CANNOT, at(10, 22)),  # 2 days: a reply, but not a change
            reply(park, Outcome.CHANGED, at(9, 20)),  # September: not counted
            reply(park, Outcome.CHANGED, at(11, 1, 9)),  # November: not counted
        ]
        session.add_all([*sessions, *replies])
        await session.flush()
        p1, p2, p3, p4, p5, *walkers = (p.id for p in people)
        library, tea = sessions[0].id, sessions[1].id
        r1, r2, r3, r_cannot, r_sept, r_nov = (r.id for r in replies)
        relayed = {"source": Source.RELAYED, "level": Level.GROUP}
        session.add_all(
            [
                # 00:30 on 1 October in London (BST): inside October.
                comment(park, at(9, 30, 23, 30), person_id=p1, kind=Kind.LIKED),
                comment(park, at(10, 2), person_id=p1, kind=Kind.CHANGE, response_id=r1),
                comment(park, at(10, 4), person_id=p2, kind=Kind.IDEA, response_id=r2),
                comment(park, at(10, 8), person_id=p3, level=Level.COLLECTIVE, response_id=r3),
                comment(park, at(10, 20), person_id=p2, kind=Kind.CHANGE, response_id=r_cannot),
                # 23:30 on 31 October in London (GMT by then): still inside October.
                comment(park, at(10, 31, 23, 30), person_id=p3),
                comment(park, at(10, 6), group_session_id=library, response_id=r3, **relayed),
                comment(park, at(10, 20), group_session_id=tea, response_id=r_nov, **relayed),
                # Left out: flagged, September, November, and a comment filed under no project.
                comment(park, at(10, 10), person_id=p4, kind=Kind.CHANGE, flagged=True),
                comment(park, at(9, 18), person_id=p5, kind=Kind.CHANGE, response_id=r_sept),
                comment(park, at(11, 1, 0, 0), person_id=p2, kind=Kind.IDEA),
                comment(None, at(10, 9), person_id=p5),
                # Monday Walkers: six walkers with an idea each, and Person 1 once more.
                *(comment(walk, at(10, 13), person_id=w, kind=Kind.IDEA) for w in walkers),
                comment(walk, at(10, 14), person_id=p1, kind=Kind.LIKED),
            ]
        )
    codes = {
        "staff": park_seed.staff_code,
        "participant": park_seed.participant_code,
        "walk_staff": walk_seed.staff_code,
    }
    return Seeded(park, walk, quiet_seed.project_id, codes)


PARK = Figures(
    individual=5, group=2, collective=1, people=3, sessions=2, reached=22,
    suggestions=5, replies=4, answered=5, changes=2, median_days=2.0,
)  # fmt: skip
WALK = Figures(individual=7, people=7, sessions=1, reached=3, suggestions=6)
EVERYONE = Figures(
    individual=12, group=2, collective=1, people=9, sessions=3, reached=25,
    suggestions=11, replies=4, answered=5, changes=2, median_days=2.0,
)  # fmt: skip
# What staff read for their own project: exact numbers.
PARK_LINES = {
    "Comments": "8",
    "From one person, about their own time": "5",
    "From groups, passed on by a volunteer": "2",
    "Ideas for all the projects": "1",
    "People who took part": "3",
    "Groups noted by volunteers": "2",
    "People reached at groups": "22",
    "Suggestions made": "5",
    "Replies sent": "4",
    "Suggestions those replies answered": "5",
    "Changes made": "2",
    "Typical wait for a reply (the median)": "2.0 days",
}
# What the programme team read: counts under 5 hidden.
EVERYONE_LINES = {
    "Comments": "15",
    "From one person, about their own time": "12",
    "From groups, passed on by a volunteer": "fewer than 5",
    "Ideas for all the projects": "fewer than 5",
    "People who took part": "9",
    "Groups noted by volunteers": "fewer than 5",
    "People reached at groups": "25",
    "Suggestions made": "11",
    "Replies sent": "fewer than 5",
    "Suggestions those replies answered": "5",
    "Changes made": "fewer than 5",
    "Typical wait for a reply (the median)": "2.0 days",
}
PROJECT_LINES = [
    "<b>Firth Park Coffee Morning</b>",
    "Comments: 8. People: fewer than 5. Groups: fewer than 5. Suggestions: 5. "
    "Replies: fewer than 5. Changes: fewer than 5.",
    "<b>Monday Walkers</b>",
    "Comments: 7. People: 7. Groups: fewer than 5. Suggestions: 6. Replies: none. Changes: none.",
    "<b>Quiet Knitters</b>",
    "Comments: none. People: none. Groups: none. Suggestions: none. Replies: none. Changes: none.",
]


def figure_lines(text: str) -> dict[str, str]:
    """Label -> value for each figure (a group line has a date, a project line several colons)."""
    found = (re.match(r"^(?:• )?([A-Z][^:<\d]*): ([^:]+)$", line) for line in text.splitlines())
    return {m[1]: m[2] for m in found if m}


async def test_gather_counts_every_figure(db: Database) -> None:
    seeded = await seed_october(db)
    async with db.transaction() as session:
        park = await gather(session, [seeded.park], *OCTOBER_UTC)
        everyone = await gather(session, [seeded.park, seeded.walk, seeded.quiet], *OCTOBER_UTC)
    assert park.total == PARK
    assert park.total.comments == 8
    assert [(p.name, p.figures) for p in park.projects] == [("Firth Park Coffee Morning", PARK)]
    assert everyone.total == EVERYONE
    assert [(p.name, p.figures) for p in everyone.projects] == [
        ("Firth Park Coffee Morning", PARK),
        ("Monday Walkers", WALK),
        ("Quiet Knitters", Figures()),
    ]
    places = [(s.place, s.held_on.day, s.headcount, s.band) for s in everyone.sessions]
    assert places == [
        ("Firth Park Library", 6, 8, "6-10"),
        ("Endcliffe Park", 12, 3, None),
        ("=Tea & cake", 20, 14, None),
    ]


async def test_the_median_is_the_middle_wait(db: Database) -> None:
    seeded = await seed_october(db)
    async with db.transaction() as session:
        # From 10 October: waits of 6, 4 and 2 days.
        late = await gather(session, [seeded.park], at(10, 10), at(11, 1, 0))
        # With November's reply too (11.9 days), the middle two's mean: 2, 4, 6 and 11.9.
        later = await gather(session, [seeded.park], at(10, 10), at(11, 2, 0))
        # From 13 October: 2 and 11.875 days, whose mean shows to one decimal place.
        uneven = await gather(session, [seeded.park], at(10, 13), at(11, 2, 0))
        none = await gather(session, [seeded.walk], at(10, 1), at(11, 1))
    assert late.total.median_days == 4.0 and late.total.replies == 2
    assert later.total.median_days == 5.0 and later.total.replies == 3
    assert uneven.total.median_days == 6.9
    assert none.total.median_days is None


async def test_project_text_shows_exact_numbers(db: Database, prompts: Prompts) -> None:
    seeded = await seed_october(db)
    async with db.transaction() as session:
        numbers = await gather(session, [seeded.park], *OCTOBER_UTC)
    (text,) = render_text(prompts, numbers, "Firth <Park>", *OCTOBER, small_numbers=False)
    assert text.startswith("<b>Numbers for Firth &lt;Park&gt;</b>\nFrom 1 Oct 2026 to 31 Oct 2026")
    assert figure_lines(text) == PARK_LINES
    assert "• Firth Park Library, 6 Oct 2026: about 6-10 people" in text
    assert "• =Tea &amp; cake, 20 Oct 2026: about 14 people" in text
    assert "fewer than 5" not in text and "Project by project" not in text


async def test_programme_text_hides_small_numbers(db: Database, prompts: Prompts) -> None:
    seeded = await seed_october(db)
    ids = [seeded.park, seeded.walk, seeded.quiet]
    async with db.transaction() as session:
        numbers = await gather(session, ids, *OCTOBER_UTC)
    (text,) = render_text(prompts, numbers, "All projects", *OCTOBER, small_numbers=True)
    assert figure_lines(text) == EVERYONE_LINES
    lines = text.splitlines()
    start = lines.index("<b>Project by project</b>") + 1
    assert lines[start : start + 6] == PROJECT_LINES
    assert "• Endcliffe Park (Monday Walkers), 12 Oct 2026: about 3 people" in lines
    assert lines[-1] == "Numbers under 5 show as “fewer than 5”, so nobody can be picked out."


async def test_csv_has_every_figure_and_no_formulas(db: Database, prompts: Prompts) -> None:
    seeded = await seed_october(db)
    async with db.transaction() as session:
        numbers = await gather(session, [seeded.park, seeded.walk], *OCTOBER_UTC)
    body = render_csv(prompts, numbers, "All projects", *OCTOBER, small_numbers=True)
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[:4] == [
        ["figure", "value"],
        ["for", "All projects"],
        ["from", "2026-10-01"],
        ["to", "2026-10-31"],
    ]
    assert dict(rows[4:16]) == EVERYONE_LINES
    assert ["Monday Walkers", "7", "7", "fewer than 5", "6", "none", "none"] in rows
    assert ["'=Tea & cake", "2026-10-20", "14", "Firth Park Coffee Morning"] in rows


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1/9 to 30/10", (date(2026, 9, 1), date(2026, 10, 30))),
        ("from 3 Sept until yesterday", (date(2026, 9, 3), date(2026, 11, 1))),
        ("1/10/2026 - 31/10/2026", (date(2026, 10, 1), date(2026, 10, 31))),
        ("30/12 to 5/1", (date(2025, 12, 30), date(2026, 1, 5))),
        ("sometime in the autumn", None),
        ("1/9", None),
        ("1/9 to 40/9", None),
    ],
)
def test_typed_ranges(text: str, expected: tuple[date, date] | None) -> None:
    assert parse_range(text, date(2026, 11, 2)) == expected


@pytest.mark.parametrize(
    ("today", "name", "expected"),
    [
        (date(2026, 11, 2), "last_month", (date(2026, 10, 1), date(2026, 10, 31))),
        (date(2026, 11, 2), "last_quarter", (date(2026, 7, 1), date(2026, 9, 30))),
        (date(2027, 1, 15), "last_month", (date(2026, 12, 1), date(2026, 12, 31))),
        (date(2027, 2, 28), "last_quarter", (date(2026, 10, 1), date(2026, 12, 31))),
        (date(2026, 3, 31), "last_month", (date(2026, 2, 1), date(2026, 2, 28))),
    ],
)
def test_named_ranges(today: date, name: str, expected: tuple[date, date]) -> None:
    assert named_range(name, today) == expected


# --- /report through the bot -------------------------------------------------------------------


@pytest.fixture
async def team(harness: Harness) -> Seeded:
    seeded = await seed_october(harness.db)
    await join(harness, STAFF, seeded.codes["staff"])
    await join(harness, WALK_STAFF, seeded.codes["walk_staff"])
    await join(harness, ANN, seeded.codes["participant"])
    return seeded


def report_of(calls: list[Call]) -> tuple[str, list[Call]]:
    documents = [c for c in calls if c.method == "sendDocument"]
    return joined([c for c in calls if c.method == "sendMessage"]), documents


async def test_staff_get_last_months_numbers(harness: Harness, team: Seeded) -> None:
    ask = await harness.send(STAFF, "/report")
    assert "Which dates" in joined(ask)
    assert [label for label, _ in ask[-1].buttons] == ["Last month", "Last quarter", "Pick dates"]
    text, (document,) = report_of(await harness.press_button(STAFF, ask, "Last month"))
    assert "numbers a funder might ask for" in text
    assert "<b>Numbers for Firth Park Coffee Morning</b>" in text
    assert figure_lines(text) == PARK_LINES
    assert "Monday Walkers" not in text  # not their project
    assert document.params["document"]["filename"] == (
        "numbers-firth-park-2026-10-01-to-2026-10-31.csv"
    )
    assert "People who took part,3" in document.params["document"]["content"].decode()


async def test_last_month_is_the_projects_last_month(harness: Harness, team: Seeded) -> None:
    """On 1 December in Auckland, "last month" there is November, while London is still in it."""
    async with harness.db.transaction() as session:
        await session.execute(
            update(Project).where(Project.id == team.park).values(timezone="Pacific/Auckland")
        )
    harness.clock.moment = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
    _, (document,) = report_of(await harness.press(STAFF, "report:last_month"))
    assert document.params["document"]["filename"] == (
        "numbers-firth-park-2026-11-01-to-2026-11-30.csv"
    )
    await harness.send(STAFF, "/report")
    await harness.press(STAFF, "report:dates")
    _, (typed,) = report_of(await harness.send(STAFF, "1/11 to today"))
    assert typed.params["document"]["filename"] == (
        "numbers-firth-park-2026-11-01-to-2026-12-01.csv"
    )


async def test_other_staff_see_only_their_project(harness: Harness, team: Seeded) -> None:
    text, _ = report_of(await harness.press(WALK_STAFF, "report:last_month"))
    assert "Numbers for Monday Walkers" in text and "Firth Park" not in text
    lines = figure_lines(text)
    assert lines["People who took part"] == "7" and lines["Replies sent"] == "0"
    assert lines["Typical wait for a reply (the median)"] == "no replies yet"


async def test_last_quarter_is_july_to_september(harness: Harness, team: Seeded) -> None:
    text, _ = report_of(await harness.press(STAFF, "report:last_quarter"))
    assert "From 1 Jul 2026 to 30 Sep 2026" in text
    lines = figure_lines(text)
    assert (lines["Comments"], lines["Replies sent"], lines["Changes made"]) == ("1", "1", "1")
    assert lines["People reached at groups"] == "30"


async def test_participants_are_told_it_is_for_the_team(harness: Harness, team: Seeded) -> None:
    assert "for the team" in joined(await harness.send(ANN, "/report"))
    forged = await harness.press(ANN, "report:last_month")
    assert "for the team" in joined(forged) and "Numbers" not in joined(forged)
    assert not [c for c in forged if c.method == "sendDocument"]


async def test_programme_team_get_everything_with_small_numbers(
    harness: Harness, team: Seeded
) -> None:
    async with harness.db.transaction() as session:
        programme = await invites.create(
            session, role=Role.PROGRAMME, project_id=None, uses=None, expires_days=None,
            now=harness.clock.now(),
        )  # fmt: skip
    await join(harness, PROGRAMME, programme.code)
    text, (document,) = report_of(await harness.press(PROGRAMME, "report:last_month"))
    assert "<b>Numbers for all projects</b>" in text
    assert figure_lines(text) == EVERYONE_LINES
    assert "\n".join(PROJECT_LINES) in text
    assert document.params["document"]["filename"].startswith("numbers-programme-")


async def test_typed_dates(harness: Harness, team: Seeded) -> None:
    asked = await harness.press(STAFF, "report:dates")
    assert "like 1/9 to 30/11" in joined(asked)
    text, _ = report_of(await harness.send(STAFF, "1/10 to 31/10"))
    assert figure_lines(text) == PARK_LINES
    # Answered: the next message is no longer taken as dates.
    assert "Numbers for" not in joined(await harness.send(STAFF, "1/10 to 31/10"))


async def test_unreadable_dates_are_asked_again_once(harness: Harness, team: Seeded) -> None:
    await harness.press(STAFF, "report:dates")
    assert "couldn't read those dates" in joined(await harness.send(STAFF, "the autumn"))
    assert "Send /report to try again" in joined(await harness.send(STAFF, "soon"))
    # Let go: the next message is not taken as dates.
    assert "Numbers for" not in joined(await harness.send(STAFF, "1/10 to 31/10"))


async def test_dates_the_wrong_way_round(harness: Harness, team: Seeded) -> None:
    await harness.press(STAFF, "report:dates")
    assert "second date is before the first" in joined(await harness.send(STAFF, "31/10 to 1/10"))


async def test_a_button_press_stops_waiting_for_dates(harness: Harness, team: Seeded) -> None:
    await harness.press(STAFF, "report:dates")
    await harness.press(STAFF, "report:last_month")
    assert "couldn't read" not in joined(await harness.send(STAFF, "thanks"))


async def test_forged_ranges_are_stale(harness: Harness, team: Seeded) -> None:
    calls = await harness.press(STAFF, "report:forever")
    assert [c for c in calls if c.method == "sendMessage"] == []
    assert "earlier" in calls[0].params["text"]


# --- natter report -----------------------------------------------------------------------------


async def test_cli_report_as_markdown_and_csv(
    db: Database, database_url: str, tmp_path: Path
) -> None:
    await seed_october(db)
    october = ("--from", "2026-10-01", "--to", "2026-10-31")
    md = await natter(database_url, "report", "--project", "firth-park", *october)
    assert md.code == 0, md.err
    assert md.out.startswith("**Numbers for Firth Park Coffee Morning**\n")
    assert figure_lines(md.out) == PARK_LINES
    assert "• =Tea & cake, 20 Oct 2026: about 14 people" in md.out  # plain, not HTML

    out = tmp_path / "all.csv"
    made = await natter(
        database_url, "report", "--programme", *october, "--format", "csv", "--out", str(out)
    )
    assert made.code == 0 and str(out) in made.out
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert dict(rows[4:16]) == EVERYONE_LINES


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        (("--project", "nowhere", "--from", "2026-10-01", "--to", "2026-10-31"), "no project"),
        (("--programme", "--from", "1/10/2026", "--to", "2026-10-31"), "--from '1/10/2026'"),
        (("--programme", "--from", "2026-10-31", "--to", "2026-10-01"), "--to is before --from"),
    ],
)
async def test_cli_report_bad_input(
    db: Database, database_url: str, args: tuple[str, ...], problem: str
) -> None:
    await seed_october(db)
    result = await natter(database_url, "report", *args)
    assert result.code == 1 and problem in result.err and "Traceback" not in result.err


def test_the_report_buttons_are_wired_in_their_first_format() -> None:
    assert callbacks.PATTERNS["report"].pattern == r"^report:(last_month|last_quarter|dates)$"


async def test_you_said_we_did_in_words_ready_to_paste(db: Database, prompts: Prompts) -> None:
    seeded = await seed_october(db)
    async with db.transaction() as session:
        numbers = await gather(session, [seeded.park], *OCTOBER_UTC)
    assert [(p.outcome, p.raised) for p in numbers.pairs] == [
        ("changed", 1),
        ("looking", 1),
        ("changed", 2),
        ("cannot", 1),
    ]  # fmt: skip  (September's and November's replies are left out)
    (text,) = render_text(prompts, numbers, "Firth Park", *OCTOBER, small_numbers=False)
    lines = text.splitlines()
    start = lines.index("<b>You said, we did (4)</b>") + 1
    assert lines[start : start + 4] == [
        "• You said: “said something” (1 person raised it). We changed this: “We did it.”",
        "• You said: “said something” (1 person raised it). We're looking into it: “We did it.”",
        "• You said: “said something” (2 people raised it). We changed this: “We did it.”",
        "• You said: “said something” (1 person raised it). We can't change this: “We did it.”",
    ]
    hidden = render_markdown(prompts, numbers, "Firth Park", *OCTOBER, small_numbers=True)
    assert "**You said, we did (4)**" in hidden
    assert "(fewer than 5 people raised it). We changed this" in hidden
    assert "(2 people raised it)" not in hidden
