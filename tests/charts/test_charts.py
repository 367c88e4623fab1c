"""The charts' figures from a seeded quarter on a real database, their text alternatives, and
the pictures themselves (PNG of the promised size, with the figures drawn on them)."""

from __future__ import annotations

import io
from datetime import date
from zoneinfo import ZoneInfo

import pytest
from PIL import Image

from bot import charts
from bot.charts import style
from prompts import Prompts
from storage.db import Database
from storage.models import Kind, Role
from storage.repositories.charts import ThemeTally, YouSaidWeDid
from tests.support.comments import LAST_DAY, Said, at, seed_comments, seed_two_projects
from tests.support.seed import seed_project
from tests.support.team import add_member

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
async def project(db: Database) -> int:
    # With another project, whose comments are never in this one's charts.
    return (await seed_two_projects(db))[0]


async def numbers_of(db: Database, project: int) -> charts.ChartNumbers:
    async with db.reading() as session:
        return await charts.gather(session, [project], LAST_DAY, LONDON)


async def test_the_figures_come_from_the_seeded_comments(db: Database, project: int) -> None:
    numbers = await numbers_of(db, project)
    assert [w.first_day for w in numbers.weeks][:2] == [date(2026, 8, 31), date(2026, 9, 7)]
    assert numbers.weeks[-1].first_day == date(2026, 11, 16) and len(numbers.weeks) == 12
    # 23:30 UTC on Sunday 6 Sep was already Monday in London; the flagged one is never counted.
    assert [w.comments for w in numbers.weeks] == [0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 2, 3]
    assert numbers.themes == (
        ThemeTally("activities", 2, 0),  # staff's "activities" won over the words' "venue"
        ThemeTally("transport", 0, 2),  # as many: by name
        ThemeTally("venue", 0, 1),
        ThemeTally("welcome", 1, 0),
    )
    assert numbers.replies == YouSaidWeDid(raised=4, answered=2, changed=1)
    assert numbers.first_day == date(2026, 8, 31)


async def test_the_text_alternatives_carry_the_figures(
    db: Database, project: int, prompts: Prompts
) -> None:
    drawn = {c.name: c for c in charts.draw_all(prompts, await numbers_of(db, project))}
    said = {name: prompts.plain(c.alt.key, **c.alt.params) for name, c in drawn.items()}
    assert said["weekly"] == (
        "Comments each week, for the 12 weeks to 22 Nov 2026. In all: 6. "
        "The busiest week began on 16 Nov 2026, with 3. The last week had 3."
    )
    assert said["themes"] == (
        "What people talked about, from 31 Aug 2026 to 22 Nov 2026: "
        "Activities 2 (2 happy, 0 unhappy); Transport 2 (0 happy, 2 unhappy); "
        "Venue and access 1 (0 happy, 1 unhappy); Welcome and friendship 1 (1 happy, 0 unhappy)."
    )
    assert said["replies"] == (
        "From 31 Aug 2026 to 22 Nov 2026. Suggestions made: 4. Answered so far: 2. "
        "Led to a change: 1."
    )


async def test_each_chart_is_a_png_of_the_promised_size(
    db: Database, project: int, prompts: Prompts
) -> None:
    drawn = charts.draw_all(prompts, await numbers_of(db, project))
    assert [c.name for c in drawn] == ["weekly", "themes", "replies"]
    for chart in drawn:
        with Image.open(io.BytesIO(chart.png)) as image:
            assert image.format == "PNG"
            assert image.size == (style.WIDTH * style.DPI, style.HEIGHT * style.DPI)
            # Drawn on: the bars' colours are there, not a blank page.
            colours = {rgb for _, rgb in image.convert("RGB").getcolors(1 << 20) or []}
            assert (0x00, 0x72, 0xB2) in colours or (0x00, 0x9E, 0x73) in colours
    # The same figures draw the same bytes: no time stamp inside.
    again = charts.draw_all(prompts, await numbers_of(db, project))
    assert [c.png for c in again] == [c.png for c in drawn]


async def test_nothing_said_draws_nothing_and_no_themes_no_theme_chart(
    db: Database, prompts: Prompts
) -> None:
    seeded = await seed_project(db)
    async with db.reading() as session:
        quiet = await charts.gather(session, [seeded.project_id], LAST_DAY, LONDON)
    assert charts.draw_all(prompts, quiet) == ()
    ann = await add_member(db, 904, seeded.project_id, Role.PARTICIPANT, at(LAST_DAY), "K9")
    await seed_comments(db, seeded.project_id, ann, [Said(at(LAST_DAY), Kind.LIKED, "Nice")])
    async with db.reading() as session:
        one = await charts.gather(session, [seeded.project_id], LAST_DAY, LONDON)
    assert [c.name for c in charts.draw_all(prompts, one)] == ["weekly"]


async def test_many_projects_read_together_get_each_its_own_figures(
    db: Database, project: int
) -> None:
    # The weekly build reads a few projects' charts at once: each must be as if read alone.
    quiet = await seed_project(db, slug="quiet", name="Quiet Walk")
    ids = [project, project + 1, quiet.project_id]
    async with db.reading() as session:
        together = await charts.gather_each(session, ids, LAST_DAY, LONDON)
        alone = {i: await charts.gather(session, [i], LAST_DAY, LONDON) for i in ids}
    assert together == alone
    assert together[project].replies == YouSaidWeDid(raised=4, answered=2, changed=1)
    assert [w.comments for w in together[project + 1].weeks][-1] == 3
    assert together[quiet.project_id].themes == () and not any(
        w.comments for w in together[quiet.project_id].weeks
    )
