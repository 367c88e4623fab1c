"""What is still queued for someone taken off a project: it is not sent to them.

The outbox has no project column; these match the keys their writers give (bot.digests:
"digest:project:<project>:<week>:to:<person>:<part>" or "digest:programme:...", bot.care:
"alert:<comment>:to:<person>", with ":email" after an emailed one, bot.checkins:
"checkin:<membership>:<day>", bot.roundup: "roundup:<project>:<month>:to:<person>"); the
tests queue them through those writers. A message already being sent is left alone.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import ColumnElement, String, cast, exists, or_, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Comment, Outbox, OutboxStatus

LEFT = "no longer a member of the project"


async def skip_queued(
    session: AsyncSession,
    person_id: int,
    project_id: int | None,
    *,
    as_team: bool,
    membership_ids: Sequence[int],
) -> int:
    """Mark what waits for them from this project (None: the programme team) skipped: its
    digests and alerts when they leave its team, and the check-ins of the memberships removed.
    Returns how many."""
    about: list[ColumnElement[bool]] = [
        Outbox.key.like(f"checkin:{membership_id}:%") for membership_id in membership_ids
    ]
    if membership_ids and project_id is not None:  # the group's round-up is for its members
        about.append(Outbox.key.like(f"roundup:{project_id}:%:to:{person_id}"))
    if as_team and project_id is None:
        about.append(Outbox.key.like(f"digest:programme:%:to:{person_id}:%"))
    elif as_team:
        about.append(Outbox.key.like(f"digest:project:{project_id}:%:to:{person_id}:%"))
        alert_key = "alert:" + cast(Comment.id, String) + f":to:{person_id}"
        by_email = alert_key + ":email"  # the same alert, to the address they gave
        about.append(
            exists().where(
                Comment.project_id == project_id,
                or_(Outbox.key == alert_key, Outbox.key == by_email),
            )
        )
    if not about:
        return 0
    done = await session.execute(
        update(Outbox)
        .where(Outbox.person_id == person_id, Outbox.status == OutboxStatus.PENDING, or_(*about))
        .values(status=OutboxStatus.SKIPPED, last_error=LEFT)
        .execution_options(synchronize_session=False)
    )
    return int(getattr(done, "rowcount", 0) or 0)
