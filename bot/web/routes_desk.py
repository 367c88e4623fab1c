"""This week at a glance, flagged messages, and invite links with QR codes."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import timedelta

from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import Response

from bot import joining, team
from bot.web.site import desk_of, notice, page, posted, signed_in, staff_signed_in
from storage.models import Role
from storage.repositories import web_comments
from storage.repositories.web_comments import CommentFilter

FLAGGED_SHOWN = 50


@dataclass(frozen=True, slots=True)
class Drawn:
    """A chart as the page shows it: the PNG inline, its text alternative as alt and caption."""

    png: str  # base64
    alt: str


async def glance(request: Request) -> Response:
    """The digest as it stands this week (the same words and charts as /digest)."""
    who = await signed_in(request)
    if isinstance(who, Response):
        return who
    desk = desk_of(request)
    async with desk.db.transaction() as session:
        week = await team.this_week(session, desk.deps, who.team)
    # Telegram HTML from the digest builder, every value in it escaped there (Prompts.text).
    # Here the spreadsheet is a download link, not a file "sent with this message".
    attached = desk.deps.prompts.text("digest.spreadsheet")
    digests = [Markup(part.replace(attached, "").strip()) for part in week.html]
    downloads = [
        (p, (desk.deps.project_today(p) - timedelta(days=6)).isoformat()) for p in who.team.projects
    ]
    say = desk.deps.prompts.plain
    drawn = [
        Drawn(base64.b64encode(c.png).decode(), say(c.alt.key, **c.alt.params)) for c in week.charts
    ]
    return page(request, "glance.html", who, digests=digests, downloads=downloads, charts=drawn)


async def flagged(request: Request) -> Response:
    who = await staff_signed_in(request)
    if isinstance(who, Response):
        return who
    desk = desk_of(request)
    async with desk.db.transaction() as session:
        found = await web_comments.search(
            session, who.project_ids, CommentFilter(flagged=True), FLAGGED_SHOWN, 0
        )
    return page(request, "flagged.html", who, comments=found)


async def invite_form(request: Request) -> Response:
    who = await staff_signed_in(request)
    if isinstance(who, Response):
        return who
    return page(request, "invite.html", who, made=None)


async def invite(request: Request) -> Response:
    found = await posted(request)
    if isinstance(found, Response):
        return found
    who, form = found
    project = next((p for p in who.team.projects if str(p.id) == form.get("project")), None)
    role = form.get("role")
    if project is None or role not in ("participant", "volunteer"):
        return notice(request, "web.sign_in.bad_form", 400, who)
    desk = desk_of(request)
    async with desk.db.transaction() as session:
        made = await joining.create(
            session, role=Role(str(role)), project_id=project.id, uses=None, expires_days=None,
            now=desk.deps.now(),
        )  # fmt: skip
    url = joining.link(await desk.bot_username(), made.code)
    qr = base64.b64encode(joining.qr_png(url)).decode()
    return page(request, "invite.html", who, made=url, qr=qr, project=project)
