"""/replies by theme: tick every waiting suggestion about one theme ("tea", across every page)
and answer them all at once; each person still hears back with their own words quoted."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import Button, Deps, Reply, ReplyStage, Say, buttons, dialogue
from bot.replies.listing import line_of, pick_buttons, staff_of
from storage.repositories import waiting_themes as repo

SHOWN = 8  # listed under "Ticked 12 about Transport"; the rest are ticked all the same


async def by_theme(session: AsyncSession, deps: Deps, telegram_id: int) -> Reply:
    """A button a theme that waiting suggestions are about, with how many, in codebook order."""
    staff = await staff_of(session, telegram_id)
    if isinstance(staff, Reply):
        return staff
    found = await repo.waiting_themes(session, staff[1])
    names = deps.words.themes.cues.topics
    choices = tuple(
        Button(
            Say("buttons.reply_theme", {"theme": _name(deps, name), "count": len(found[name])}),
            buttons.encode(buttons.ReplyTheme(n)),
            beside=n % 2 == 1,
        )
        for n, name in enumerate(names)
        if name in found
    )
    if not choices:
        return Reply.of("answers.no_themes")
    return Reply.of("answers.pick_theme", buttons=choices)


async def tick_theme(
    session: AsyncSession, deps: Deps, telegram_id: int, theme: int
) -> Reply | None:
    staff = await staff_of(session, telegram_id)
    if isinstance(staff, Reply):
        return staff
    person, project_ids = staff
    names = deps.words.themes.cues.topics
    if theme >= len(names):
        return None
    ids = (await repo.waiting_themes(session, project_ids)).get(names[theme], [])
    if not ids:
        return Reply.of("answers.no_themes")
    state = dialogue.Replying(ReplyStage.PICK, shown=tuple(ids), ticked=tuple(sorted(ids)))
    await dialogue.save(session, person.id, state, deps.now())
    listed = await repo.suggestions(session, project_ids, ids[:SHOWN])
    lines = [Say("answers.theme_title", {"count": len(ids), "theme": _name(deps, names[theme])})]
    lines += [line_of(deps, n, s) for n, s in enumerate(listed, start=1)]
    if len(ids) > len(listed):
        lines.append(Say("answers.theme_more", {"count": len(ids) - len(listed)}))
    lines.append(Say("answers.theme_how"))
    # A theme's wording can catch one that is about something else ("the bus stop is a long
    # walk from the hall" is about the hall too): each listed one can be unticked first.
    return Reply(tuple(lines), tuple(pick_buttons(listed, "buttons.untick")))


def _name(deps: Deps, theme: str) -> str:
    return deps.prompts.plain(f"digest.theme.{theme}")
