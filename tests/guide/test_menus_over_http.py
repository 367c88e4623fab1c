"""The command menu beside the message box and /help, per role, over real HTTP: `natter run`
against the fake Bot API (which checks every call against Telegram's published API), and
`natter member remove` as an operator runs it."""

from __future__ import annotations

import asyncio
import re
import signal
from datetime import UTC, datetime
from typing import Any

from telegram import Bot, BotCommandScopeChat

from bot.joining import invites
from storage.db import Database
from storage.models import Role
from tests.fake_telegram import FakeTelegram
from tests.runtime.test_end_to_end import bot, join_over_http
from tests.support.cli import natter
from tests.support.processes import TOKEN, BotProcess
from tests.support.seed import seed_project

__all__ = ["bot"]
ANN, VAL, SAM, PIP = 515151, 525252, 535353, 545454  # member, volunteer, staff, programme
PARTICIPANT = ["help", "mydata", "stop", "forget"]
VOLUNTEER = ["help", "note", "sessions", "mydata", "stop", "forget"]
TEAM = ["digest", "replies", "did", "flagged", "listen", "report", "export", "invite", "team"]
STAFF = ["help", *TEAM, "web", "settings", "mydata", "stop", "forget"]
BOTH = ["help", "note", "sessions", *TEAM, "web", "settings", "mydata", "stop", "forget"]
PROGRAMME = [
    "help",
    "digest",
    "report",
    "team",
    "ask",
    "web",
    "settings",
    "mydata",
    "stop",
    "forget",
]


def chat(user: int) -> dict[str, Any]:
    return {"type": "chat", "chat_id": user}


def menu(fake: FakeTelegram, user: int | None = None) -> list[str]:
    """The commands set for this chat alone (the bot's default for None)."""
    scope = chat(user) if user is not None else None
    return [c["command"] for c in fake.my_commands(scope)]


async def menu_becomes(fake: FakeTelegram, user: int, wanted: list[str]) -> None:
    """Menus are set just after the reply: wait for it."""
    await fake.wait_until(lambda: menu(fake, user) == wanted, timeout=10)


def menu_calls(fake: FakeTelegram, user: int) -> list[str]:
    return [
        method for method, params in fake.calls
        if method in ("setMyCommands", "deleteMyCommands") and params.get("scope") == chat(user)
    ]  # fmt: skip


async def invite(db: Database, role: Role, project_id: int | None) -> str:
    async with db.transaction() as session:
        made = await invites.create(
            session, role=role, project_id=project_id, uses=None, expires_days=None,
            now=datetime.now(UTC),
        )  # fmt: skip
        return made.code


async def help_for(fake: FakeTelegram, user: int) -> str:
    fake.user_sends_text(user, "/help")
    return (await fake.next_message(user)).text or ""


async def test_each_role_has_its_own_menu_and_help_over_http(
    fake: FakeTelegram, bot: BotProcess, db: Database, database_url: str
) -> None:
    seeded = await seed_project(db, now=datetime.now(UTC))  # team links last 7 days
    assert menu(fake) == PARTICIPANT  # the default: what a participant sees
    await after_start_up(bot)

    # A participant: the default menu, so nothing is set for their chat.
    first = await join_over_http(fake, ANN, seeded.participant_code)
    assert "What did you enjoy" in (first.text or "")
    assert menu_calls(fake, ANN) == []
    # Mid-questions, /help is about answering; the question still waits for its answer.
    mid = await help_for(fake, ANN)
    assert "Tap Skip" in mid and "/stop" not in mid
    fake.user_sends_text(ANN, "The singing")
    assert "change" in ((await fake.next_message(ANN)).text or "")  # the next question
    # /help sets the menu again, whatever it was: for a participant, the default.
    assert menu(fake, ANN) == [] and menu_calls(fake, ANN) == ["deleteMyCommands"]

    await join_over_http(fake, VAL, seeded.volunteer_code)
    await menu_becomes(fake, VAL, VOLUNTEER)
    volunteer = await help_for(fake, VAL)
    assert "/note" in volunteer and "/sessions" in volunteer and "/digest" not in volunteer

    await join_over_http(fake, SAM, seeded.staff_code)
    await menu_becomes(fake, SAM, STAFF)
    staff = await help_for(fake, SAM)
    assert all(f"/{name}" in staff for name in TEAM) and "/note" not in staff
    assert "/ask" not in staff and "/mydata" in staff

    await join_over_http(fake, PIP, await invite(db, Role.PROGRAMME, None))
    await menu_becomes(fake, PIP, PROGRAMME)
    programme = await help_for(fake, PIP)
    assert "/ask" in programme and "/flagged" not in programme

    # A role added: the volunteer joins the team too, and has both lists.
    await join_over_http(fake, VAL, await invite(db, Role.STAFF, seeded.project_id))
    await menu_becomes(fake, VAL, BOTH)
    both = await help_for(fake, VAL)
    assert "For volunteers" in both and "For the team" in both

    # Taken off the team by an operator: back to the volunteer's; then off the project.
    reach = {"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_BASE_URL": fake.base_url}
    off = ("member", "remove", "--project", "firth-park")
    result = await natter(database_url, *off, "--role", "staff", str(VAL), env=reach)
    assert result.code == 0 and result.err == "", result.err
    assert menu(fake, VAL) == VOLUNTEER  # set before the command ended
    result = await natter(database_url, *off, str(VAL), env=reach)
    assert result.code == 0 and result.err == "", result.err
    assert menu(fake, VAL) == []
    assert "Just write to me" in await help_for(fake, VAL)  # a participant's help now

    # /forget: their own menu goes with everything else.
    fake.user_sends_text(SAM, "/forget")
    ask = await fake.next_message(SAM)
    fake.user_presses(SAM, ask.message_id, ask.buttons()[0][1])  # Yes, delete it all
    assert "deleted everything" in ((await fake.next_message(SAM)).text or "")
    await menu_becomes(fake, SAM, [])
    assert menu_calls(fake, SAM)[-1] == "deleteMyCommands"
    assert menu(fake, PIP) == PROGRAMME and menu(fake) == PARTICIPANT  # nobody else's changed


async def test_a_failed_menu_never_stops_joining_and_heals_over_http(
    fake: FakeTelegram, bot: BotProcess, db: Database
) -> None:
    seeded = await seed_project(db, now=datetime.now(UTC))
    await after_start_up(bot)
    # Telegram fails every try at the volunteer's menu: joining goes on regardless.
    fake.fail_next("setMyCommands", 502, count=4)
    welcome = await join_over_http(fake, VAL, seeded.volunteer_code)
    assert "Thank you" in (welcome.text or "")
    await logged(bot, "menu was not changed")
    assert menu(fake, VAL) == []
    assert re.search(
        r"WARNING .*a command menu was not changed \(NetworkError\)", bot.log.read_text()
    )
    assert str(VAL) not in _menu_lines(bot)  # no chat id beside the warning (it may follow /forget)

    # At the next start, every team member's menu is set again.
    await bot.stop(signal.SIGTERM)
    await bot.start()
    await menu_becomes(fake, VAL, VOLUNTEER)

    # And /help sets it again too, should it have gone astray since.
    async with Bot(TOKEN, base_url=fake.base_url) as telegram:
        await telegram.delete_my_commands(scope=BotCommandScopeChat(VAL))
    assert menu(fake, VAL) == []
    assert "/note" in await help_for(fake, VAL)
    await menu_becomes(fake, VAL, VOLUNTEER)


async def after_start_up(process: BotProcess) -> None:
    """Once the start-up's own setting of team menus is done: menus set after it were set by
    what the test did."""
    await logged(process, "command menus set again for 0 of 0 team chats")


async def logged(process: BotProcess, words: str, seconds: float = 15.0) -> None:
    """The log file is no event of the fake's: look at it a few times a second."""
    for _ in range(int(seconds * 10)):
        if words in process.log.read_text():
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"{words!r} not logged:\n{process.log.read_text()[-3000:]}")


def _menu_lines(process: BotProcess) -> str:
    return "\n".join(line for line in process.log.read_text().splitlines() if "menu" in line)
