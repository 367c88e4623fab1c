"""What every page shares: the templates, the signed-in visitor, CSRF checks and headers."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from bot.core import Deps
from bot.web.signing_in import Visitor, visitor
from bot.web.tokens import WebConfig, csrf_ok, csrf_token, read_cookie
from storage.db import Database

TEMPLATES = Path(__file__).resolve().parent / "templates"
STATIC = Path(__file__).resolve().parent / "static"
COOKIE = "natter_session"
# No scripts at all, nothing from elsewhere, never framed; the sign-in link never leaves as a
# Referer header.
HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}

# The bot's username for invite links, asked of the Bot API by the runtime when first needed.
BotUsername = Callable[[], Awaitable[str]]


@dataclass(frozen=True, slots=True)
class Desk:
    db: Database
    deps: Deps
    config: WebConfig
    templates: Environment
    bot_username: BotUsername

    @property
    def base(self) -> str:
        """The path the page lives under (WEB_URL's), such as /web."""
        return urlsplit(self.config.url).path.rstrip("/")


def templates(deps: Deps) -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True)
    )

    def say(key: str, **params: object) -> str:
        return deps.prompts.plain(key, **params)  # escaped by autoescape when shown

    def telegram_html(key: str, **params: object) -> Markup:
        """A prompt with its own markup (<b>), every value in it escaped (Prompts.text)."""
        return Markup(deps.prompts.text(key, **params))

    env.globals.update(say=say, telegram_html=telegram_html, local=deps.local)
    return env


def desk_of(request: Request) -> Desk:
    desk = request.app.state.desk
    assert isinstance(desk, Desk)
    return desk


def page(
    request: Request, name: str, who: Visitor | None, status: int = 200, **values: Any
) -> HTMLResponse:
    desk = desk_of(request)
    csrf = csrf_token(desk.config, who.nonce) if who else ""
    body = desk.templates.get_template(name).render(
        base=desk.base, here=request.url.path, who=who, csrf=csrf, **values
    )
    return HTMLResponse(body, status_code=status, headers=HEADERS)


def notice(request: Request, key: str, status: int, who: Visitor | None = None) -> HTMLResponse:
    return page(request, "notice.html", who, status=status, key=key)


async def signed_in(request: Request) -> Visitor | HTMLResponse:
    """The visitor, with their roles checked now; a page asking them to sign in otherwise."""
    desk = desk_of(request)
    nonce = read_cookie(desk.config, request.cookies.get(COOKIE, ""))
    found = None
    if nonce is not None:
        async with desk.db.transaction() as session:
            found = await visitor(session, desk.deps, nonce)
    return found or notice(request, "web.sign_in.needed", 401)


async def staff_signed_in(request: Request) -> Visitor | HTMLResponse:
    """A signed-in visitor who is staff of a project; the programme team, who see totals and
    never a project's words, are told so (403)."""
    who = await signed_in(request)
    if isinstance(who, Visitor) and not who.project_ids:
        return notice(request, "web.programme_only", 403, who)
    return who


async def posted(request: Request) -> tuple[Visitor, FormData] | HTMLResponse:
    """A form from a signed-in visitor carrying their CSRF token; refused (403) without it."""
    who = await signed_in(request)
    if not isinstance(who, Visitor):
        return who
    form = await request.form()
    given = form.get("csrf")
    if not isinstance(given, str) or not csrf_ok(desk_of(request).config, who.nonce, given):
        return notice(request, "web.sign_in.bad_form", 403, who)
    return who, form


def go(request: Request, path: str) -> Response:
    return RedirectResponse(f"{desk_of(request).base}{path}", status_code=303, headers=HEADERS)
