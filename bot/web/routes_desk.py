"""This week at a glance, flagged messages, and invite links with QR codes."""

from __future__ import annotations

import base64
from datetime import timedelta

from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import Response

from bot import joining, team
from bot.web.site import desk_of, notice, page, posted, signed_in
from storage.models import Role
from storage.repositories import web_comments
from storage.repositories.web_comments import CommentFilter

FLAGGED_SHOWN = 50


async def glance(request: Request) -> Response:
    """The digest as it stands this week (the same words as /digest); charts go beside it."""
    who = await signed_in(request)
    if isinstance(who, Response):
        return who
    desk = desk_of(request)
    async with desk.db.transaction() as session:
        reply = await team.preview(session, desk.deps, who.person.telegram_id)
    # Telegram HTML from the digest builder, every value in it escaped there (Prompts.text).
    # Here the spreadsheet is a download link, not a file "sent with this message".
    attached = desk.deps.prompts.text("digest.spreadsheet")
    digests = [Markup(part.replace(attached, "").strip()) for part in reply.html]
    downloads = [
        (p, (desk.deps.project_today(p) - timedelta(days=6)).isoformat()) for p in who.team.projects
    ]
    # Charts (bot.charts, being written beside this) go in as charts=[...], each with `png`
    # (base64) and `alt` (its text alternative): glance.html has their place.
    return page(request, "glance.html", who, digests=digests, downloads=downloads)


async def flagged(request: Request) -> Response:
    who = await signed_in(request)
    if isinstance(who, Response):
        return who
    if not who.project_ids:
        return notice(request, "web.programme_only", 403, who)
    desk = desk_of(request)
    async with desk.db.transaction() as session:
        found = await web_comments.search(
            session, who.project_ids, CommentFilter(flagged=True), FLAGGED_SHOWN, 0
        )
    return page(request, "flagged.html", who, comments=found)


async def invite_form(request: Request) -> Response:
    who = await signed_in(request)
    if isinstance(who, Response):
        return who
    if not who.project_ids:
        return notice(request, "web.programme_only", 403, who)
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
