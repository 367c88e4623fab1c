"""Reports on the web: the numbers a funder asks for (as /report), and spreadsheets to download
(the numbers, and a project's comments as /export makes them)."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta

from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import Response

from bot import reports, team
from bot.core import Reply
from bot.web.routes_comments import read_filter
from bot.web.signing_in import Visitor
from bot.web.site import HEADERS, desk_of, notice, page, signed_in
from storage.models import Project


def _dates(request: Request) -> tuple[date, date]:
    """The local days asked for, first and last; the last four weeks when none are."""
    deps = desk_of(request).deps
    wanted = read_filter(request.query_params, deps.now(), deps.timezone, [])
    today = deps.now().astimezone(deps.timezone).date()
    first = wanted.since.date() if wanted.since else today - timedelta(days=27)
    last = wanted.before.date() - timedelta(days=1) if wanted.before else today
    return first, last


def _download(name: str, content: str | bytes, media_type: str) -> Response:
    headers = {**HEADERS, "Content-Disposition": f'attachment; filename="{name}"'}
    return Response(content, media_type=media_type, headers=headers)


def _csv(name: str, content: str) -> Response:
    return _download(name, content, "text/csv; charset=utf-8")


def _own_project(request: Request, who: Visitor) -> Project | None:
    """The project asked for (?project=ID), if the visitor is its staff."""
    chosen = request.query_params.get("project")
    return next((p for p in who.team.projects if str(p.id) == chosen), None)


async def _numbers(request: Request, who: Visitor) -> tuple[Reply, date, date]:
    desk = desk_of(request)
    first, last = _dates(request)
    async with desk.db.transaction() as session:
        found = await reports.report_between(
            session, desk.deps, who.person.telegram_id, first, max(first, last)
        )
    return found, first, max(first, last)


async def report(request: Request) -> Response:
    """The numbers for the dates asked for, each scope's spreadsheet a link."""
    who = await signed_in(request)
    if isinstance(who, Response):
        return who
    found, first, last = await _numbers(request, who)
    say = desk_of(request).deps.prompts.plain
    files = [say(d.filename.key, **d.filename.params) for d in found.documents]
    # Telegram HTML from the report's prompts, every value in it escaped there (Prompts.text).
    numbers = [Markup(part) for part in found.html]
    return page(request, "report.html", who, numbers=numbers, files=files, first=first, last=last)


async def numbers_csv(request: Request) -> Response:
    who = await signed_in(request)
    if isinstance(who, Response):
        return who
    found, _, _ = await _numbers(request, who)
    say = desk_of(request).deps.prompts.plain
    wanted = request.query_params.get("file")
    for document in found.documents:
        name = say(document.filename.key, **document.filename.params)
        if name == wanted and document.content is not None:
            return _csv(name, document.content)
    return notice(request, "web.report.none", 404, who)


async def comments_csv(request: Request) -> Response:
    """A project's comments, as /export makes them: its own staff only."""
    who = await signed_in(request)
    if isinstance(who, Response):
        return who
    project = _own_project(request, who)
    if project is None:
        return notice(request, "web.programme_only", 403, who)
    desk = desk_of(request)
    first, last = _dates(request)
    async with desk.db.transaction() as session:
        content = await team.project_csv(
            session, desk.deps, project, first, last + timedelta(days=1)
        )
    if content is None:
        return notice(request, "web.report.none", 404, who)
    return _csv(f"comments-{project.slug}-{first}-to-{last}.csv", content)


async def learning_pdf(request: Request) -> Response:
    """A project's printable learning report (as `natter report --format pdf`): its own staff
    only, exact numbers, quotes with names kept out."""
    who = await signed_in(request)
    if isinstance(who, Response):
        return who
    project = _own_project(request, who)
    if project is None:
        return notice(request, "web.programme_only", 403, who)
    desk = desk_of(request)
    first, last = _dates(request)
    tz = desk.deps.project_timezone(project)
    async with desk.db.reading() as session:
        made = desk.deps.now().astimezone(tz).date()
        learning = await reports.gather_learning(
            session, [project.id], project.name, (first, last), tz, made, small_numbers=False
        )
    # Drawing and laying out pages is CPU work: a worker thread, as for the digests.
    content = await asyncio.to_thread(reports.render_pdf, desk.deps.prompts, learning)
    name = desk.deps.prompts.plain("report.pdf.file", scope=project.slug, first=first, last=last)
    return _download(name, content, "application/pdf")
