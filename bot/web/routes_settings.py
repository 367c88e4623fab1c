"""Settings on the web: where a member's round-ups and alerts go (Telegram, email or both) and
the email address, kept by the same code as /settings in Telegram (bot.team.settings)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from bot import team
from bot.core import Say
from bot.web.signing_in import Visitor
from bot.web.site import desk_of, notice, page, posted, signed_in
from storage.models import Delivery


def _form(
    request: Request, who: Visitor, chosen: Delivery, address: str, told: Say | None, status: int
) -> Response:
    say = desk_of(request).deps.prompts.plain
    choices = [(c.value, say(f"buttons.send_to.{c.value}")) for c in team.CHOICES]
    told_text = say(told.key, **told.params) if told else None
    problem = told is not None and told.key == "settings.web_bad_address"
    return page(
        request, "settings.html", who, status=status, choices=choices, chosen=chosen.value,
        address=address, told=told_text, problem=problem,
    )  # fmt: skip


async def settings_form(request: Request) -> Response:
    who = await signed_in(request)
    if isinstance(who, Response):
        return who
    return _form(request, who, who.person.delivery, who.person.email or "", None, 200)


async def settings_save(request: Request) -> Response:
    found = await posted(request)
    if isinstance(found, Response):
        return found
    who, form = found
    chosen, typed = form.get("delivery"), form.get("email")
    if chosen not in {c.value for c in team.CHOICES} or not isinstance(typed, str):
        return notice(request, "web.sign_in.bad_form", 400, who)
    desk = desk_of(request)
    async with desk.db.transaction() as session:
        told = await team.choose(
            session, desk.deps, who.person.telegram_id, Delivery(str(chosen)), typed[:300]
        )
    if told is None:
        return notice(request, "team.only", 403, who)
    status = 400 if told.key == "settings.web_bad_address" else 200
    return _form(request, who, Delivery(str(chosen)), typed.strip(), told, status)
