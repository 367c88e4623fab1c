"""Answering suggestions on the web: tick across pages, say what happened, preview exactly what
people will get, send. The preview and the sending are bot.replies', as in Telegram."""

from __future__ import annotations

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response

from bot import replies
from bot.core import ReplyStage, dialogue
from bot.web.routes_comments import page_number
from bot.web.signing_in import Visitor
from bot.web.site import desk_of, go, notice, page, posted, signed_in, staff_signed_in
from storage.models import Outcome
from storage.repositories import responses, web_sign_ins

PAGE = 10
MAX_REPLY = 600  # as in Telegram (bot.replies.answering)


async def waiting(request: Request) -> Response:
    who = await staff_signed_in(request)
    if isinstance(who, Response):
        return who
    desk = desk_of(request)
    number = page_number(request.query_params)
    async with desk.db.transaction() as session:
        found = await responses.waiting(session, who.project_ids, PAGE + 1, number * PAGE)
    return page(
        request, "replies.html", who, waiting=found[:PAGE], more=len(found) > PAGE,
        page_number=number, ticked=set(who.ticked),
    )  # fmt: skip


def _ids(form: FormData, name: str) -> set[int]:
    return {int(v) for v in form.getlist(name) if isinstance(v, str) and v.isdigit()}


async def ticks(request: Request) -> Response:
    """Keep what was ticked on this page (and untick what was not), then go where asked."""
    found = await posted(request)
    if isinstance(found, Response):
        return found
    who, form = found
    shown = _ids(form, "shown")
    ticked = (set(who.ticked) - shown) | (_ids(form, "tick") & shown)
    desk = desk_of(request)
    async with desk.db.transaction() as session:
        await web_sign_ins.set_ticked(session, who.nonce, sorted(ticked))
    number = page_number(form)
    match form.get("go"):
        case "answer":
            return go(request, "/replies/answer")
        case "next":
            return go(request, f"/replies?page={number + 1}")
        case "previous":
            return go(request, f"/replies?page={max(0, number - 1)}")
    return go(request, f"/replies?page={number}")


async def answer_form(request: Request) -> Response:
    who = await signed_in(request)
    if isinstance(who, Response):
        return who
    if not who.ticked:
        return notice(request, "web.replies.tick_first", 400, who)
    return page(
        request, "answer.html", who, outcomes=list(Outcome), chosen=None, text="", reason=""
    )


def _state(who: Visitor, form: FormData) -> dialogue.Replying | str:
    """What they wrote, as Telegram keeps it; or the prompt key saying what is missing."""
    outcome = form.get("outcome")
    text = " ".join(str(form.get("text") or "").split())
    reason = " ".join(str(form.get("reason") or "").split()) or None
    if outcome not in {o.value for o in Outcome} or not text:
        return "web.replies.missing"
    chosen = Outcome(str(outcome))
    if chosen is Outcome.CANNOT and not reason:
        return "web.replies.missing"
    if len(text) > MAX_REPLY or len(reason or "") > MAX_REPLY:
        return "web.replies.too_long"
    if not who.ticked:
        return "web.replies.tick_first"
    kept = reason if chosen is Outcome.CANNOT else None
    return dialogue.Replying(
        ReplyStage.CONFIRM, ticked=who.ticked, outcome=chosen, text=text, reason=kept
    )


async def preview(request: Request) -> Response:
    found = await posted(request)
    if isinstance(found, Response):
        return found
    who, form = found
    state = _state(who, form)
    if isinstance(state, str):
        given = {name: form.get(name) or "" for name in ("text", "reason")}
        return page(
            request, "answer.html", who, status=400, problem=state, outcomes=list(Outcome),
            chosen=form.get("outcome"), **given,
        )  # fmt: skip
    desk = desk_of(request)
    async with desk.db.transaction() as session:
        left = await responses.answerable(session, list(who.ticked), who.project_ids, None)
        if not left:
            return notice(request, "web.replies.tick_first", 400, who)
        shown = await replies.preview(session, state)
    return page(request, "preview.html", who, shown=shown, state=state)


async def send(request: Request) -> Response:
    found = await posted(request)
    if isinstance(found, Response):
        return found
    who, form = found
    state = _state(who, form)
    if isinstance(state, str):
        return notice(request, state, 400, who)
    desk = desk_of(request)
    async with desk.db.transaction() as session:
        result = await replies.send(session, desk.deps, who.person, who.project_ids, state)
        await web_sign_ins.set_ticked(session, who.nonce, [])
    return page(request, "sent.html", who, result=result)
