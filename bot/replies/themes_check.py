"""Staff check what comments are about, one tap at a time: a card with the comment, the themes
it was read as having, "That's right", "Skip", and one button a theme that goes unhappy, happy,
not about it. Every tap is kept on the comment (staff's own themes win over the reading, and
the next reading never overwrites them) and the card is rewritten in place.

Opened from /replies and /digest. Only staff of the comment's project may check it; a button
naming any other comment, or one older than CHECK_DAYS, does nothing.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import Button, Deps, Reply, Say, buttons
from bot.replies import telling as loop
from bot.replies.listing import staff_of
from storage.repositories import responses
from storage.repositories import theme_checks as repo

CHECK_DAYS = 28  # the last four weeks' round-ups
_NEXT: dict[bool | None, buttons.ThemeState] = {None: "u", False: "h", True: "x"}


async def next_card(
    session: AsyncSession, deps: Deps, telegram_id: int, before: int
) -> Reply | None:
    """The newest comment not yet checked (older than `before`, unless 0)."""
    staff = await staff_of(session, telegram_id)
    if isinstance(staff, Reply):
        return staff
    _, project_ids = staff
    since = deps.now() - timedelta(days=CHECK_DAYS)
    found = await repo.next_to_check(session, project_ids, since, before or None)
    if found is None:
        key = "themes_check.all_done" if before else "themes_check.none"
        return Reply.of(key) if not before else Reply((Say(key),), in_place=True)
    left = await repo.left_to_check(session, project_ids, since)
    return _card(deps, found, left, in_place=before != 0)  # the first opens a card of its own


async def right(
    session: AsyncSession, deps: Deps, telegram_id: int, comment_id: int
) -> Reply | None:
    """The themes on the card are right: keep them as staff's own, then the next card."""
    staff = await staff_of(session, telegram_id)
    if isinstance(staff, Reply):
        return staff
    since = deps.now() - timedelta(days=CHECK_DAYS)
    found = await repo.one(session, staff[1], since, comment_id)
    if found is None:
        return None
    if not found.checked:
        await repo.set_themes(session, comment_id, found.themes)
    return await next_card(session, deps, telegram_id, comment_id)


async def set_theme(
    session: AsyncSession, deps: Deps, telegram_id: int, data: buttons.ThemeSet
) -> Reply | None:
    staff = await staff_of(session, telegram_id)
    if isinstance(staff, Reply):
        return staff
    names = deps.words.themes.cues.topics
    since = deps.now() - timedelta(days=CHECK_DAYS)
    found = await repo.one(session, staff[1], since, data.comment_id)
    if found is None or data.theme >= len(names):
        return None
    themes = dict(found.themes)
    name = names[data.theme]
    if data.state == "x":
        themes.pop(name, None)
    else:
        themes[name] = data.state == "h"
    await repo.set_themes(session, data.comment_id, themes)
    left = await repo.left_to_check(session, staff[1], since)
    return _card(deps, replace(found, themes=themes, checked=True), left, in_place=True)


async def needs_reply(
    session: AsyncSession, deps: Deps, telegram_id: int, comment_id: int, needs: bool
) -> Reply | None:
    """Staff's word that this comment needs a reply (it waits in /replies) or not; it wins over
    how the comment was read. The card is rewritten to say so."""
    staff = await staff_of(session, telegram_id)
    if isinstance(staff, Reply):
        return staff
    since = deps.now() - timedelta(days=CHECK_DAYS)
    if await repo.one(session, staff[1], since, comment_id) is None:
        return None
    await responses.set_needs_reply(session, [comment_id], staff[1], needs)
    found = await repo.one(session, staff[1], since, comment_id)
    assert found is not None
    return _card(deps, found, await repo.left_to_check(session, staff[1], since), in_place=True)


def _card(deps: Deps, found: repo.ToCheck, left: int, *, in_place: bool) -> Reply:
    names = deps.words.themes.cues.topics
    words = loop.trim(found.words or "", 300)
    said = (
        Say("themes_check.said_person", {"text": words, "pseudonym": found.pseudonym})
        if found.pseudonym
        else Say("themes_check.said_group", {"text": words, "place": found.place or ""})
    )
    about = _listed(deps, found.themes, names)
    prefix = "themes_check.saved" if found.checked else "themes_check.read"
    lines = (
        Say("themes_check.title", {"left": left}),
        said,
        Say(prefix, {"themes": about}) if about else Say(f"{prefix}_none"),
        *_reply_line(found),
        Say("themes_check.how"),
    )
    choices = [
        Button(Say("buttons.theme_right"), buttons.encode(buttons.ThemeRight(found.comment_id))),
        Button(
            Say("buttons.theme_skip"),
            buttons.encode(buttons.ThemeNext(found.comment_id)),
            beside=True,
        ),
    ]
    if found.listed is not None:  # an answered one stays answered
        needs = buttons.ThemeNeedsReply(found.comment_id, "n" if found.listed else "y")
        label = "buttons.theme_no_reply" if found.listed else "buttons.theme_needs_reply"
        choices.append(Button(Say(label), buttons.encode(needs)))
    for n, name in enumerate(names):
        state = found.themes.get(name)
        label = {None: "buttons.theme_off", True: "buttons.theme_happy"}.get(
            state, "buttons.theme_unhappy"
        )
        data = buttons.ThemeSet(found.comment_id, n, _NEXT[state])
        theme = deps.prompts.plain(f"digest.theme.{name}")
        choices.append(
            Button(Say(label, {"theme": theme}), buttons.encode(data), beside=n % 2 == 1)
        )
    return Reply(lines, tuple(choices), in_place=in_place)


def _reply_line(found: repo.ToCheck) -> tuple[Say, ...]:
    if found.listed is None:
        return (Say("themes_check.answered"),)
    return (Say("themes_check.waiting" if found.listed else "themes_check.not_waiting"),)


def _listed(deps: Deps, themes: dict[str, bool], names: tuple[str, ...]) -> str:
    """ "Transport (unhappy), Food and drink (happy)", in the codebook's order."""
    shown = []
    for name in (n for n in names if n in themes):
        key = "themes_check.theme_happy" if themes[name] else "themes_check.theme_unhappy"
        theme = deps.prompts.plain(f"digest.theme.{name}")
        shown.append(deps.prompts.plain(key, theme=theme))
    return ", ".join(shown)
