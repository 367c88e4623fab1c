"""Sign in (the link from /web; a button press spends it, so a link preview cannot), sign out."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from bot.web.signing_in import sign_out, use_link
from bot.web.site import COOKIE, desk_of, go, notice, page, posted
from bot.web.tokens import SESSION_LIFETIME, make_cookie


async def sign_in_page(request: Request) -> Response:
    token = request.query_params.get("token", "")
    return page(request, "sign_in.html", None, token=token)


async def sign_in(request: Request) -> Response:
    desk = desk_of(request)
    form = await request.form()
    token = form.get("token")
    nonce = None
    if isinstance(token, str):
        async with desk.db.transaction() as session:
            nonce = await use_link(session, desk.deps, desk.config, token)
    if nonce is None:
        return notice(request, "web.sign_in.refused", 403)
    response = go(request, "/glance")
    response.set_cookie(
        COOKIE, make_cookie(desk.config, nonce), max_age=int(SESSION_LIFETIME.total_seconds()),
        path=desk.base or "/", secure=desk.config.secure, httponly=True, samesite="lax",
    )  # fmt: skip
    return response


async def sign_out_now(request: Request) -> Response:
    found = await posted(request)
    if isinstance(found, Response):
        return found
    who, _ = found
    desk = desk_of(request)
    async with desk.db.transaction() as session:
        await sign_out(session, desk.deps, who.nonce)
    response = notice(request, "web.sign_in.signed_out", 200)
    response.delete_cookie(COOKIE, path=desk.base or "/")
    return response
