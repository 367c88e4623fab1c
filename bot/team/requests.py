"""What staff and the programme team can ask for: a preview of this week, and spreadsheets.

Roles are checked on every command and every button press, from the database. A project's words
(its digest's quotes, its spreadsheet) and its invite links are for its own staff: the programme
team see the programme digest's totals and themes (bot.core.roles).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot import charts, digests, joining
from bot.core import (
    Button,
    Deps,
    Document,
    Photo,
    Reply,
    Say,
    Team,
    buttons,
    not_for,
    team_of,
    week_so_far,
)
from bot.digests import comments_csv
from bot.replies import check_button
from storage.models import Project, Role
from storage.repositories import digests as digest_repo

EXPORT_RANGES = ("this_week", "last_week", "last_4_weeks", "this_quarter")
INVITE_ROLES: tuple[buttons.InviteRole, ...] = ("participant", "volunteer")


@dataclass(frozen=True, slots=True)
class ThisWeek:
    """The digests as they stand this week, and the charts the weekly digest would send with
    them: a project's own only (the programme digest hides small numbers; a bar cannot)."""

    html: tuple[str, ...]
    charts: tuple[charts.Chart, ...]


async def this_week(session: AsyncSession, deps: Deps, team: Team) -> ThisWeek:
    html: list[str] = []
    drawn: list[charts.Chart] = []
    now = deps.now()
    for project in team.projects:
        tz = deps.project_timezone(project)
        period = week_so_far(now, project.digest_weekday, tz)
        built = await digests.build_project(session, deps, project, period, drawn=True)
        html += built.parts
        drawn += built.charts
    if team.programme:
        period = week_so_far(now, digests.PROGRAMME_WEEKDAY, deps.timezone)
        html += (await digests.build_programme(session, deps, team.overview, period)).parts
    return ThisWeek(tuple(html), tuple(drawn))


async def preview(session: AsyncSession, deps: Deps, telegram_id: int) -> Reply:
    team = await team_of(session, telegram_id)
    if team is None:
        return Reply.of("team.only")
    if not team.projects and not team.overview:
        return Reply.of("team.no_projects")
    week = await this_week(session, deps, team)
    # Staff can check, one tap a comment, what each was read as being about.
    offer = Reply.of("themes_check.offer", buttons=(check_button(),)) if team.projects else None
    # Each chart as a picture after the words, its text alternative the caption, as on Monday.
    for chart in reversed(week.charts):
        offer = Reply((), photo=Photo(chart.png, chart.alt), then=offer)
    return Reply((Say("team.preview_intro"),), html=week.html, then=offer)


async def export_ask(session: AsyncSession, deps: Deps, telegram_id: int) -> Reply:
    team = await team_of(session, telegram_id)
    if team is None or not team.projects:
        return not_for(team)
    choices = tuple(
        Button(Say(f"buttons.export_{name}"), buttons.encode(buttons.Export(name)))
        for name in EXPORT_RANGES
    )
    return Reply.of("team.export_ask", buttons=choices)


def export_dates(name: str, today: date) -> tuple[date, date]:
    """[first, last) local dates for a named range."""
    monday = today - timedelta(days=today.weekday())
    match name:
        case "this_week":
            return monday, today + timedelta(days=1)
        case "last_week":
            return monday - timedelta(days=7), monday
        case "last_4_weeks":
            return today - timedelta(days=27), today + timedelta(days=1)
        case "this_quarter":
            return date(today.year, 3 * ((today.month - 1) // 3) + 1, 1), today + timedelta(days=1)
    raise ValueError(name)


async def export(session: AsyncSession, deps: Deps, telegram_id: int, name: str) -> Reply | None:
    """CSV files, one per project the person may see; None for a forged range.

    Each covers the range as it is where that project is ("this week" starts on its Monday).
    """
    team = await team_of(session, telegram_id)
    if team is None or not team.projects:
        return not_for(team)
    if name not in EXPORT_RANGES:
        return None
    documents = []
    for project in team.projects:
        first, end = export_dates(name, deps.project_today(project))
        content = await project_csv(session, deps, project, first, end)
        if content is not None:
            last = end - timedelta(days=1)
            names = {"project": project.slug, "start": first, "end": last}
            filename = Say("team.export_file", names)
            documents.append(Document(filename, content=content))
    if not documents:
        return Reply.of("team.export_none")
    return Reply((Say("team.export_done"),), documents=tuple(documents))


async def project_csv(
    session: AsyncSession, deps: Deps, project: Project, first: date, end: date
) -> str | None:
    """The project's comments from local day `first` up to (not including) `end`, as CSV."""
    tz = deps.project_timezone(project)
    start = datetime.combine(first, time(0), tzinfo=tz).astimezone(UTC)
    stop = datetime.combine(end, time(0), tzinfo=tz).astimezone(UTC)
    rows = await digest_repo.comments_between(session, [project.id], start, stop)
    if not rows:
        return None
    comments = [digests.as_digest_comment(r, project.name) for r in rows]
    return comments_csv(comments, tz, deps.prompts)


async def invite_ask(session: AsyncSession, deps: Deps, telegram_id: int) -> Reply:
    """/invite: a link (and QR code) for members or a volunteer, for one of their projects."""
    team = await team_of(session, telegram_id)
    if team is None or not team.projects:
        return not_for(team)
    choices = tuple(
        Button(
            Say(f"buttons.invite_{role}")
            if len(team.projects) == 1
            else Say(
                "buttons.project_role",
                {"name": p.name, "role": deps.prompts.plain(f"buttons.invite_{role}")},
            ),
            buttons.encode(buttons.Invite(role, p.id)),
        )
        for p in team.projects[:8]
        for role in INVITE_ROLES
    )
    return Reply.of("invite.which", buttons=choices)


async def invite_link(
    session: AsyncSession,
    deps: Deps,
    telegram_id: int,
    role: str,
    project_id: int,
    bot_username: str,
) -> Reply | None:
    team = await team_of(session, telegram_id)
    if team is None:
        return Reply.of("team.only")
    project = next((p for p in team.projects if p.id == project_id), None)
    if project is None or role not in ("participant", "volunteer"):
        return None
    invite = await joining.create(
        session,
        role=Role(role),
        project_id=project.id,
        uses=None,
        expires_days=None,
        now=deps.now(),
    )
    url = joining.link(bot_username, invite.code)
    key = "invite.caption" if role == "participant" else "invite.caption_volunteer"
    return Reply(
        (), photo=Photo(joining.qr_png(url), Say(key, {"project": project.name, "link": url}))
    )
