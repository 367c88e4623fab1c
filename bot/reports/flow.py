"""/report for staff and the programme team: which dates, then the numbers (see bot.report)."""

from __future__ import annotations

import re
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import (
    Button,
    Deps,
    Document,
    Handled,
    Incoming,
    Reply,
    Say,
    Team,
    buttons,
    dialogue,
    parse_day,
    people,
    team_of,
)
from bot.reports.numbers import gather, render_csv, render_text, utc_range
from storage.models import Person

RANGES: tuple[buttons.ReportRange, ...] = ("last_month", "last_quarter", "dates")
TRIES = 2  # unreadable dates asked again once, then the person is let go
# "to", "until", "and" or a dash (also the en and em dashes phones put in) between the days.
_BETWEEN = re.compile(r"\s+(?:to|until|till|and|-|\u2013|\u2014)\s+", re.IGNORECASE)


def named_range(name: str, today: date) -> tuple[date, date]:
    """First and last day of the previous calendar month or quarter."""
    if name == "last_month":
        last = today.replace(day=1) - timedelta(days=1)
        return last.replace(day=1), last
    if name == "last_quarter":
        last = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1) - timedelta(days=1)
        return date(last.year, last.month - 2, 1), last
    raise ValueError(name)


def parse_range(text: str, today: date) -> tuple[date, date] | None:
    """Two days from text like "1/9 to 30/11" or "from 3 Sept until yesterday"."""
    words = re.sub(r"^\s*(?:from|between)\s+", "", text, flags=re.IGNORECASE)
    parts = _BETWEEN.split(words.strip())
    if len(parts) != 2:
        return None
    first, last = parse_day(parts[0], today), parse_day(parts[1], today)
    return (first, last) if first is not None and last is not None else None


async def report_ask(session: AsyncSession, deps: Deps, telegram_id: int) -> Reply:
    if await team_of(session, telegram_id) is None:
        return Reply.of("team.only")
    await _wait_for_dates(session, deps, telegram_id, None)  # /report again starts afresh
    choices = tuple(
        Button(Say(f"buttons.report_{name}"), buttons.encode(buttons.Report(name)))
        for name in RANGES
    )
    return Reply.of("report.ask", buttons=choices)


async def report_for(
    session: AsyncSession, deps: Deps, telegram_id: int, range_name: buttons.ReportRange
) -> Reply | None:
    """The numbers for a pressed range; None for a range we never offered."""
    team = await team_of(session, telegram_id)
    if team is None:
        return Reply.of("team.only")
    if range_name not in RANGES:
        return None
    if range_name == "dates":
        await _wait_for_dates(session, deps, telegram_id, 0)
        return Reply.of("report.dates_ask")
    await _wait_for_dates(session, deps, telegram_id, None)
    return await _report(session, deps, team, *named_range(range_name, _today(deps, team)))


async def report_dates(
    session: AsyncSession,
    deps: Deps,
    person: Person,
    state: dialogue.WaitingForDates,
    incoming: Incoming,
) -> Handled | None:
    """The numbers for two typed dates, unreadable ones asked for once more; None for a voice
    note (an ordinary message)."""
    if not incoming.text:
        return None
    team = await team_of(session, person.telegram_id)
    await dialogue.save(session, person.id, None, deps.now())
    if team is None:
        return Handled(Reply.of("team.only"))
    found = parse_range(incoming.text, _today(deps, team))
    if found is not None and found[0] <= found[1]:
        return Handled(await _report(session, deps, team, *found))
    if state.tries + 1 >= TRIES:
        return Handled(Reply.of("report.dates_give_up"))
    await dialogue.save(session, person.id, dialogue.WaitingForDates(state.tries + 1), deps.now())
    return Handled(Reply.of("report.dates_unclear" if found is None else "report.dates_backwards"))


async def report_between(
    session: AsyncSession, deps: Deps, telegram_id: int, first: date, last: date
) -> Reply:
    """The numbers from `first` to `last` (local days) for what they may see: the same reply
    as /report, for the web page."""
    team = await team_of(session, telegram_id)
    if team is None:
        return Reply.of("team.only")
    return await _report(session, deps, team, first, last)


async def _report(session: AsyncSession, deps: Deps, team: Team, first: date, last: date) -> Reply:
    """One report for the programme team (counts under 5 hidden), and one per project they are
    staff of, each with a CSV."""
    if not team.projects and not team.overview:
        return Reply.of("team.no_projects")
    prompts = deps.prompts
    scopes: list[tuple[str, str, list[int], ZoneInfo, bool]] = []
    if team.programme:
        everyone = [p.id for p in team.overview]
        title = prompts.plain("report.programme")
        scopes.append(("programme", title, everyone, deps.timezone, True))
    scopes += [(p.slug, p.name, [p.id], deps.project_timezone(p), False) for p in team.projects]
    html: list[str] = []
    documents: list[Document] = []
    for slug, title, ids, tz, hide_small in scopes:
        numbers = await gather(session, ids, *utc_range(first, last, tz))
        html += render_text(prompts, numbers, title, first, last, small_numbers=hide_small)
        content = render_csv(prompts, numbers, title, first, last, small_numbers=hide_small)
        filename = Say("report.file", {"scope": slug, "first": first, "last": last})
        documents.append(Document(filename, content=content))
    return Reply((Say("report.intro"),), html=tuple(html), documents=tuple(documents))


async def _wait_for_dates(
    session: AsyncSession, deps: Deps, telegram_id: int, tries: int | None
) -> None:
    """Wait for typed dates (after `tries` unreadable ones), or stop waiting (None).

    Only a /report wait is ever cleared, never another flow.
    """
    person = await people.find(session, telegram_id)
    if person is None:
        return
    if tries is not None:
        await dialogue.save(session, person.id, dialogue.WaitingForDates(tries), deps.now())
    elif isinstance(await dialogue.load(session, person.id), dialogue.WaitingForDates):
        await dialogue.save(session, person.id, None, deps.now())


def _today(deps: Deps, team: Team) -> date:
    """Today for the dates a report covers: where the staff member's project is (the first,
    if several), or where the deployment is for the programme team, as in `_report`."""
    if team.programme or not team.projects:
        return deps.now().astimezone(deps.timezone).date()
    return deps.project_today(team.projects[0])
