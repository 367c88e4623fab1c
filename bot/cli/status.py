"""`natter status`: what an operator checks first."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from bot import __version__
from bot.runtime import Services, holder_pid
from storage.models import Digest, Outbox, OutboxStatus, Project


async def status(services: Services) -> str:
    settings, db = services.settings, services.db
    try:
        async with db.transaction() as session:
            counts = dict(
                (await session.execute(select(Outbox.status, func.count()).group_by(Outbox.status)))
                .tuples()
                .all()
            )
            last = dict(
                (
                    await session.execute(
                        select(Digest.scope, func.max(Digest.period_end)).group_by(Digest.scope)
                    )
                )
                .tuples()
                .all()
            )
            projects = (await session.scalars(select(Project).order_by(Project.slug))).all()
        holder = await holder_pid(db)
    finally:
        await db.dispose()
    url = make_url(settings.database_url).render_as_string(hide_password=True)
    waiting, sending, failed = (
        counts.get(status, 0)
        for status in (OutboxStatus.PENDING, OutboxStatus.SENDING, OutboxStatus.FAILED)
    )
    scheduler = f"held by PostgreSQL backend {holder}" if holder else "no lock held"
    lines = [
        f"Natter {__version__}",
        f"Database: {db.backend} ({url})",
        f"Outbox: {waiting} waiting, {sending} being sent, {failed} failed",
        f"Scheduler: {scheduler}",
        "Last digest (week ending):",
    ]
    for scope, name in [
        *((f"project:{p.id}", p.slug) for p in projects),
        ("programme", "programme"),
    ]:
        ended = last.get(scope)
        lines.append(f"  {name}: {ended:%Y-%m-%d}" if ended else f"  {name}: none yet")
    return "\n".join(lines)
