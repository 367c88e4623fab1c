"""`natter status`: what an operator checks first."""

from __future__ import annotations

from datetime import datetime

from bot import __version__
from bot.runtime import Services, holder_pid
from storage.models import OutboxStatus
from storage.repositories import dead_letters, digests, flags, outbox, projects
from storage.urls import parse_url


async def status(services: Services) -> str:
    settings, db = services.settings, services.db
    try:
        async with db.transaction() as session:
            counts = await outbox.counts_by_status(session)
            last = await digests.last_planned(session)
            found = await projects.projects_by_slug(session)
            dead = await dead_letters.summary(session)
            open_alerts, oldest = await flags.open_summary(session)
        holder = await holder_pid(db)
    finally:
        await db.dispose()
    url = parse_url(settings.database_url).shown
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
        _dead_letters(dead),
        _alerts(open_alerts, oldest, services.deps.now()),
        "Last digest (week ending):",
    ]
    for scope, name in [
        *((f"project:{p.id}", p.slug) for p in found),
        ("programme", "programme"),
    ]:
        ended = last.get(scope)
        lines.append(f"  {name}: {ended:%Y-%m-%d}" if ended else f"  {name}: none yet")
    return "\n".join(lines)


def _alerts(count: int, oldest: datetime | None, now: datetime) -> str:
    """Flagged messages nobody has marked as looked at, and how long the oldest has waited."""
    if not count or oldest is None:
        return "Open alerts: none"
    minutes = max(0, int((now - oldest).total_seconds() // 60))
    return f"Open alerts: {count} (the oldest waiting {minutes // 60} h {minutes % 60} min)"


def _dead_letters(dead: dead_letters.Summary) -> str:
    """Updates given up on (`natter deadletters` lists them), and ones that failed but were
    sent again by Telegram (and may since have been handled)."""
    line = "Dead letters: none"
    if dead.parked and dead.oldest is not None:
        line = f"Dead letters: {dead.parked} (oldest {dead.oldest:%Y-%m-%d %H:%M} UTC)"
    if dead.failing:
        line += f"; {dead.failing} more failed at least once and were tried again"
    return line
