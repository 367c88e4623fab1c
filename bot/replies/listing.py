"""/replies: a page of suggestions waiting for a reply, newest first, each with a tick."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import (
    Button,
    Deps,
    Reply,
    ReplyStage,
    Say,
    buttons,
    dialogue,
    not_for,
    people,
    team_of,
)
from bot.replies import telling as loop
from storage.models import Person
from storage.repositories import responses as repo

PAGE = 5


async def staff_of(session: AsyncSession, telegram_id: int) -> tuple[Person, list[int]] | Reply:
    """A staff member and the projects they may answer for; or what to tell anyone else (the
    programme team answer only for projects they are also staff of)."""
    found = await team_of(session, telegram_id)
    person = await people.find(session, telegram_id)
    if found is None or person is None or not found.projects:
        return not_for(found)
    return person, [p.id for p in found.projects]


async def show(session: AsyncSession, deps: Deps, telegram_id: int, page: int = 0) -> Reply:
    staff = await staff_of(session, telegram_id)
    if isinstance(staff, Reply):
        return staff
    person, project_ids = staff
    waiting = await repo.waiting(session, project_ids, PAGE + 1, page * PAGE)
    updatable = await repo.open_replies(session, project_ids)
    more = len(waiting) > PAGE
    waiting = waiting[:PAGE]
    state = dialogue.Replying(ReplyStage.PICK, shown=tuple(s.comment_id for s in waiting))
    await dialogue.save(session, person.id, state, deps.now())
    update = Button(Say("buttons.update"), buttons.encode(buttons.ReplyUpdate()))
    if not waiting:
        key = "answers.no_more" if page else "answers.none_waiting"
        return Reply.of(key, buttons=(*((update,) if updatable else ()), check_button()))
    total = await _count(session, project_ids)
    lines = [Say("answers.title", {"count": total})]
    lines += [line_of(deps, number, s) for number, s in enumerate(waiting, start=1)]
    lines.append(Say("answers.how"))
    choices = pick_buttons(waiting, "buttons.tick")
    if more:
        next_page = buttons.encode(buttons.ReplyNextPage(page + 1))
        choices.append(Button(Say("buttons.next_page"), next_page, beside=True))
    if updatable:
        choices.append(update)
    by_theme = buttons.encode(buttons.ReplyThemes())
    choices.append(Button(Say("buttons.by_theme"), by_theme))
    choices.append(check_button())
    return Reply(tuple(lines), tuple(choices))


def line_of(deps: Deps, number: int, s: repo.Suggestion) -> Say:
    """One waiting suggestion: its number, its words (or that it is a voice note), who, when."""
    who = (
        Say("answers.who_person", {"pseudonym": s.pseudonym})
        if s.pseudonym
        else Say("answers.who_group", {"place": s.place or ""})
    )
    words = {
        "number": number,
        "who": deps.prompts.plain(who.key, **who.params),
        "date": deps.local(s.created_at),
    }
    if s.text or s.spoken:
        text = loop.trim(s.text, 200) if s.text else _spoken(deps, s.spoken or "")
        return Say("answers.line", {**words, "text": text})
    return Say("answers.line_voice", {**words, "seconds": s.voice_seconds or 0})


def pick_buttons(shown: Sequence[repo.Suggestion], label: str) -> list[Button]:
    """A button a suggestion shown that ticks or unticks it (`label`: "Tick 1", "Untick 1"),
    then Answer and No reply needed for the ticked ones."""
    choices = [
        Button(
            Say(label, {"number": n}), buttons.encode(buttons.ReplyTick(s.comment_id)), beside=n > 1
        )
        for n, s in enumerate(shown, start=1)
    ]
    choices.append(Button(Say("buttons.answer"), buttons.encode(buttons.ReplyGo())))
    not_needed = buttons.encode(buttons.ReplyNotNeeded())
    choices.append(Button(Say("buttons.not_needed"), not_needed, beside=True))
    return choices


def check_button() -> Button:
    """Opens the theme check (bot.replies.themes_check) at the newest comment."""
    return Button(Say("buttons.check_themes"), buttons.encode(buttons.ThemeNext(0)))


async def _count(session: AsyncSession, project_ids: list[int]) -> int:
    return sum(f.waiting for f in (await repo.figures(session, project_ids)).values())


def _spoken(deps: Deps, words: str) -> str:
    """A voice note's words, marked as said aloud."""
    return deps.prompts.plain("voice.spoken", text=loop.trim(words, 200))
