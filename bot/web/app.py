"""The staff web page as an ASGI app (Starlette), served under WEB_URL's path."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from bot.core import Deps
from bot.web import (
    routes_comments,
    routes_desk,
    routes_replies,
    routes_reports,
    routes_settings,
    routes_sign_in,
)
from bot.web.site import STATIC, BotUsername, Desk, go, templates
from bot.web.tokens import WebConfig
from storage.db import Database


async def _home(request: Request) -> Response:
    return go(request, "/glance")


def web_routes() -> list[BaseRoute]:
    return [
        Route("/", _home),
        Route("/sign-in", routes_sign_in.sign_in_page, methods=["GET"]),
        Route("/sign-in", routes_sign_in.sign_in, methods=["POST"]),
        Route("/sign-out", routes_sign_in.sign_out_now, methods=["POST"]),
        Route("/glance", routes_desk.glance),
        Route("/comments", routes_comments.comments),
        Route("/replies", routes_replies.waiting),
        Route("/replies/ticks", routes_replies.ticks, methods=["POST"]),
        Route("/replies/answer", routes_replies.answer_form),
        Route("/replies/preview", routes_replies.preview, methods=["POST"]),
        Route("/replies/send", routes_replies.send, methods=["POST"]),
        Route("/flagged", routes_desk.flagged),
        Route("/invite", routes_desk.invite_form, methods=["GET"]),
        Route("/invite", routes_desk.invite, methods=["POST"]),
        Route("/report", routes_reports.report),
        Route("/report/numbers.csv", routes_reports.numbers_csv),
        Route("/report/comments.csv", routes_reports.comments_csv),
        Route("/report/learning.pdf", routes_reports.learning_pdf),
        Route("/settings", routes_settings.settings_form, methods=["GET"]),
        Route("/settings", routes_settings.settings_save, methods=["POST"]),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]


def build_web_app(
    db: Database, deps: Deps, config: WebConfig, bot_username: BotUsername
) -> Starlette:
    """The page on its own (`natter web`, or beside polling); webhook mode mounts it beside the
    webhook (bot.runtime.webhook)."""
    desk = Desk(db, deps, config, templates(deps), bot_username)
    routes: list[BaseRoute] = [Mount(desk.base, routes=web_routes())] if desk.base else web_routes()
    app = Starlette(routes=routes)
    app.state.desk = desk
    return app
