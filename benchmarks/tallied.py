"""The weekly tallies of a generated history's earlier weeks, as the weekly builds before the
one measured would have written them: each week's figures read from the generated comments by
the build's own queries (`charts.gather_tallied`, which is also how a build tallies its week),
oldest week first, and saved as `plan_due` saves them."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from bot import charts
from bot.core.weeks import Period
from bot.digests.reading import PROJECTS_PER_READ
from storage.db import Database
from storage.models import Comment
from storage.repositories import digests, tallies


async def fill(db: Database, week: Period, weeks: int, tz: ZoneInfo) -> int:
    """Tally the `weeks` weeks before `week` (not `week` itself: the build measured does);
    returns the rows written. The people each digest counted are counted here too."""
    async with db.reading() as session:
        ids = [p.id for p in await digests.all_projects(session)]
    written = 0
    for back in range(weeks, 0, -1):
        last_day = week.end_day - timedelta(weeks=back, days=1)
        for first in range(0, len(ids), PROJECTS_PER_READ):
            chunk = ids[first : first + PROJECTS_PER_READ]
            async with db.reading() as session:
                found = await charts.gather_tallied(session, chunk, last_day, tz)
                some = next(iter(found.values()))[1]
                counted = await session.execute(
                    select(Comment.project_id, func.count(func.distinct(Comment.person_id)))
                    .where(
                        Comment.project_id.in_(chunk),
                        Comment.created_at >= some.start,
                        Comment.created_at < some.end,
                        digests.counted(),
                    )
                    .group_by(Comment.project_id)
                )
                people = {p: int(n) for p, n in counted.tuples() if p is not None}
            async with db.transaction() as session:
                for project_id, (_numbers, tally) in found.items():
                    await tallies.save(session, replace(tally, people=people.get(project_id, 0)))
                    written += 1
    return written
