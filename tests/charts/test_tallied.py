"""The weekly build's charts from the weeks' tallies equal the charts counted from the comments:
with no tallies, with some past weeks tallied and others not, and after staff answer (or change
their answer to) a suggestion made in a week already tallied."""

from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from bot import charts
from storage.db import Database
from storage.models import Comment, Kind, Outcome, Response, Role, WeeklyTally, is_suggestion
from storage.repositories import responses, tallies
from tests.support.comments import LAST_DAY, Said, at, seed_comments, seed_two_projects
from tests.support.seed import seed_project
from tests.support.team import add_member

LONDON = ZoneInfo("Europe/London")


async def _tally_weeks(db: Database, ids: list[int], weeks_back: list[int]) -> None:
    """Tally these past weeks as their weekly builds would have (figures read, then saved)."""
    for back in weeks_back:
        last_day = LAST_DAY - timedelta(weeks=back)
        async with db.reading() as session:
            found = await charts.gather_tallied(session, ids, last_day, LONDON)
        async with db.transaction() as session:
            for _, tally in found.values():
                await tallies.save(session, tally)


async def _both(
    db: Database, ids: list[int]
) -> tuple[dict[int, charts.ChartNumbers], dict[int, charts.ChartNumbers]]:
    async with db.reading() as session:
        tallied = await charts.gather_tallied(session, ids, LAST_DAY, LONDON)
        counted = {i: await charts.gather(session, [i], LAST_DAY, LONDON) for i in ids}
    return {i: numbers for i, (numbers, _) in tallied.items()}, counted


async def test_with_no_tallies_the_charts_are_counted_from_the_comments(db: Database) -> None:
    ids = list(await seed_two_projects(db))
    tallied, counted = await _both(db, ids)
    assert tallied == counted


async def test_some_weeks_tallied_some_not_give_the_same_charts(db: Database) -> None:
    ids = list(await seed_two_projects(db))
    quiet = await seed_project(db, slug="quiet", name="Quiet Walk")
    ids.append(quiet.project_id)
    await _tally_weeks(db, ids[:1], [11, 10, 9, 1])  # a gap from 8 weeks back to 2
    await _tally_weeks(db, ids[1:], [3, 2, 1])  # these only lately
    async with db.reading() as session:
        rows = (await session.scalars(select(WeeklyTally))).all()
    assert len(rows) == 4 + 2 * 3
    tallied, counted = await _both(db, ids)
    assert tallied == counted
    assert [w.comments for w in counted[ids[0]].weeks] == [0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 2, 3]


async def test_answers_given_after_a_week_was_tallied_are_counted(db: Database) -> None:
    project, other = await seed_two_projects(db)
    ann = await add_member(db, 905, project, Role.PARTICIPANT, at(LAST_DAY), "K5")
    early = Said(at(date(2026, 9, 15)), Kind.IDEA, "A garden club", {"activities": True})
    await seed_comments(db, project, ann, [early])
    await _tally_weeks(db, [project, other], list(range(11, 0, -1)))
    async with db.transaction() as session:
        comment = await session.scalar(select(Comment).where(Comment.text == "A garden club"))
        assert comment is not None
        now = at(LAST_DAY)
        reply = await responses.add(session, Response(
            project_id=project, outcome=Outcome.CHANGED, text="Started", created_at=now,
            updated_at=now,
        ))  # fmt: skip
        await responses.link(session, reply.id, [comment.id])
    tallied, counted = await _both(db, [project, other])
    assert tallied == counted
    assert counted[project].replies.changed == 2  # the hall, and now the garden club
    async with db.transaction() as session:
        found = await session.get(Response, reply.id)
        assert found is not None
        found.outcome = Outcome.LOOKING
        await session.flush()
        await tallies.outcome_moved(session, reply.id, Outcome.CHANGED, Outcome.LOOKING)
    tallied, counted = await _both(db, [project, other])
    assert tallied == counted
    assert counted[project].replies.changed == 1


async def test_a_tally_is_counts_only(db: Database) -> None:
    ids = list(await seed_two_projects(db))
    await _tally_weeks(db, ids, [1, 0])
    async with db.reading() as session:
        rows = (await session.scalars(select(WeeklyTally))).all()
    assert rows
    for row in rows:
        assert all(isinstance(n, int) for pair in row.themes.values() for n in pair)
        said = " ".join(str(v) for v in vars(row).values())
        assert not any(word in said for word in ("bus", "hall", "Ann", "K7", "soup"))


async def test_the_all_time_figures_from_tallies_equal_those_counted(db: Database) -> None:
    project, other = await seed_two_projects(db)
    ids = [project, other]

    async def counted() -> dict[int, tuple[int, int]]:
        async with db.reading() as session:
            rows = await session.execute(
                select(Comment.project_id, Comment.response_id).where(
                    Comment.project_id.in_(ids), is_suggestion()
                )
            )
            pairs = list(rows.tuples())
        return {
            i: (sum(p == i for p, _ in pairs), sum(p == i and r is not None for p, r in pairs))
            for i in ids
        }

    async def figures() -> dict[int, tuple[int, int]]:
        async with db.reading() as session:
            found = await responses.figures(session, ids)
        return {i: (f.suggestions, f.answered) for i, f in found.items()}

    before = await figures()  # nothing tallied: every suggestion counted
    assert before == await counted() and before[project] == (5, 2)
    await _tally_weeks(db, ids, [3])  # a first tally counts what came before it
    assert await figures() == before
    await _tally_weeks(db, ids, [1, 0])  # a week missed between two tallies is counted too
    assert await figures() == before
    ann = await add_member(db, 906, project, Role.PARTICIPANT, at(LAST_DAY), "K6")
    later = Said(at(LAST_DAY + timedelta(days=1)), Kind.IDEA, "Film afternoon", {})
    await seed_comments(db, project, ann, [later])  # after the last tallied week
    assert (await figures())[project] == (6, 2) == (await counted())[project]
