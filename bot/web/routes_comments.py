"""The comments page: search and filters, newest first, names kept out, a page at a time."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any
from urllib.parse import urlencode

from starlette.datastructures import ImmutableMultiDict, QueryParams
from starlette.requests import Request
from starlette.responses import Response

from bot.core import parse_day
from bot.web.site import desk_of, page, staff_signed_in
from storage.models import Kind, Source
from storage.repositories import web_comments
from storage.repositories.web_comments import CommentFilter

PAGE = 20


def _choice(value: str | None) -> bool | None:
    return {"yes": True, "no": False}.get(value or "")


def _day(params: QueryParams, name: str, now: datetime, tz: tzinfo) -> datetime | None:
    """A date as typed (2026-11-30, 30/11, 30 Nov), as the start of that day where Natter is."""
    text = (params.get(name) or "").strip()
    if not text:
        return None
    try:
        day: date | None = date.fromisoformat(text)
    except ValueError:
        day = parse_day(text, now.astimezone(tz).date())
    return datetime.combine(day, time(0), tzinfo=tz) if day else None


def read_filter(params: QueryParams, now: datetime, tz: tzinfo, themes: list[str]) -> CommentFilter:
    """What the form asked for; anything not understood means "any"."""
    kind, source = params.get("kind") or "", params.get("source") or ""
    theme = params.get("theme") or None
    until = _day(params, "until", now, tz)
    return CommentFilter(
        words=" ".join((params.get("words") or "").split())[:100],
        theme=theme if theme in themes else None,
        kind=Kind(kind) if kind in {k.value for k in Kind} else None,
        source=Source(source) if source in {s.value for s in Source} else None,
        since=_day(params, "since", now, tz),
        before=until + timedelta(days=1) if until else None,
        spoken=_choice(params.get("spoken")),
        flagged=_choice(params.get("flagged")),
    )


def page_number(params: ImmutableMultiDict[str, Any]) -> int:
    text = params.get("page") or "0"
    return min(int(text), 10_000) if text.isascii() and text.isdigit() else 0


async def comments(request: Request) -> Response:
    who = await staff_signed_in(request)  # the programme team see totals, never a project's words
    if isinstance(who, Response):
        return who
    desk = desk_of(request)
    themes = list(desk.deps.words.themes.cues.topics)
    wanted = read_filter(request.query_params, desk.deps.now(), desk.deps.timezone, themes)
    number = page_number(request.query_params)
    async with desk.db.transaction() as session:
        found = await web_comments.search(session, who.project_ids, wanted, PAGE + 1, number * PAGE)
    say = desk.deps.prompts.plain
    return page(
        request, "comments.html", who, comments=found[:PAGE], more=len(found) > PAGE,
        page_number=number, query=request.query_params, paged=paged,
        theme_options=[(t, t.replace("_", " ").capitalize()) for t in themes],
        kind_options=[(k.value, say(f"web.kinds.{k.value}")) for k in Kind],
        source_options=[(s.value, say(f"web.sources.{s.value}")) for s in Source],
    )  # fmt: skip


def paged(query: QueryParams, number: int) -> str:
    """The same search, another page."""
    kept = [(k, v) for k, v in query.multi_items() if k != "page"]
    return urlencode([*kept, ("page", str(number))])
