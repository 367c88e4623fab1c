"""Scheduled work, through python-telegram-bot's JobQueue (APScheduler 3).

Jobs only nudge: what is due is decided from the database (the digest ledger and the outbox),
so a missed or late run loses nothing and a repeated one sends nothing twice.
"""

from __future__ import annotations

from bot import care, checkins, delivery, digests, privacy, relay, roundup
from handlers import menus
from handlers.context import BotData, Context, NatterApp
from handlers.outbound import TelegramOutbox

PLAN_EVERY_SECONDS = 60
SEND_EVERY_SECONDS = 1
RETENTION_EVERY_SECONDS = 24 * 3600
RETENTION_FIRST_SECONDS = 300
# Who has gone quiet changes by the week: reading 12 weeks of comments a few times a day is enough.
QUIET_EVERY_SECONDS = 6 * 3600
QUIET_FIRST_SECONDS = 600
TEAM_MENUS_AFTER_SECONDS = 5


async def plan_digests(context: Context) -> None:
    if context.bot_data.runs_scheduler:
        await plan_now(context.bot_data)


async def plan_now(data: BotData) -> None:
    """Plan whatever is due; run at start-up too, so downtime over a digest time loses nothing."""
    async with data.db.transaction() as session:
        await relay.close_stale(session, data.deps, data.deps.now())
    await digests.plan_due(data.db, data.deps, data.deps.now())
    # After the digests, in transactions of its own: a problem with one check-in never holds
    # back a digest.
    await checkins.plan_checkins(data.db, data.deps, data.deps.now())
    # Monthly, on each project's day: from the ledger, so checking each minute sends it once.
    await roundup.plan_due(data.db, data.deps, data.deps.now())
    # Alerts nobody has looked at in 4 daytime hours go to the programme team, once.
    await care.escalate_due(data.db, data.deps, data.deps.now())


async def plan_early_signs(context: Context) -> None:
    if context.bot_data.runs_scheduler:
        await early_signs_now(context.bot_data)


async def early_signs_now(data: BotData) -> None:
    """Regulars gone quiet for 4 weeks go on the "worth a call" list (once per quiet spell)."""
    await care.plan_quiet(data.db, data.deps, data.deps.now())


async def send_outbox(context: Context) -> None:
    data = context.bot_data
    # One sender at a time keeps the pacing (and so Telegram's limits) true across workers.
    if data.runs_scheduler:
        telegram = TelegramOutbox(context.bot, data.deps.prompts)
        transport = delivery.ByChannel(telegram, data.mail)
        await delivery.deliver_due(data.db, transport, data.deps.clock, data.pacer)


async def sweep_old_data(context: Context) -> None:
    data = context.bot_data
    if data.runs_scheduler:
        await privacy.run_retention(data.db, data.deps, data.retention_days)


async def set_team_menus(context: Context) -> None:
    """Once, just after start-up: the team's command menus, in case one failed to set."""
    data = context.bot_data
    if data.runs_scheduler:
        await menus.set_team_menus(data.db, context.bot, data.deps.prompts)


def schedule(app: NatterApp) -> None:
    queue = app.job_queue
    if queue is None:
        raise RuntimeError("python-telegram-bot was installed without the job-queue extra")
    # One run at a time; a run that would overlap is dropped, not queued (the next tick catches up).
    once = {"max_instances": 1, "coalesce": True, "misfire_grace_time": None}
    # APScheduler skips a first run whose time passed while it was starting, so start-up
    # planning is done in post_init (see bot.app); this job keeps it going.
    queue.run_repeating(
        plan_digests, PLAN_EVERY_SECONDS, first=PLAN_EVERY_SECONDS, name="plan-digests",
        job_kwargs=once,
    )  # fmt: skip
    queue.run_repeating(
        send_outbox, SEND_EVERY_SECONDS, first=1, name="send-outbox", job_kwargs=once
    )
    # Daily, a few minutes after start-up and then every 24 hours: what is past its time goes.
    queue.run_repeating(
        sweep_old_data, RETENTION_EVERY_SECONDS, first=RETENTION_FIRST_SECONDS,
        name="retention", job_kwargs=once,
    )  # fmt: skip
    queue.run_repeating(
        plan_early_signs, QUIET_EVERY_SECONDS, first=QUIET_FIRST_SECONDS,
        name="early-signs", job_kwargs=once,
    )  # fmt: skip
    queue.run_once(
        set_team_menus, TEAM_MENUS_AFTER_SECONDS, name="team-menus",
        job_kwargs={"misfire_grace_time": None},
    )  # fmt: skip
