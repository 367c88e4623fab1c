"""Volunteers noting what a group said: where, when, how many, then each thing said.

The steps live in the dialogue state, so a restart mid-session loses nothing. Button data is
checked against that state: a button from an earlier step or a closed session does nothing.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import (
    Button,
    Deps,
    Handled,
    Incoming,
    NoteStage,
    Reply,
    Say,
    buttons,
    dialogue,
    parse_day,
    people,
)
from bot.language import headcount
from bot.relay import early
from bot.relay.notes import add_note, close_session
from bot.relay.opening import open_note
from storage.models import Person, Project, Role
from storage.repositories import people as people_repo
from storage.repositories import sessions as sessions_repo

# Tapped headcount bands: (best estimate, band shown to staff).
BANDS: dict[buttons.Band, tuple[int, str]] = {
    "a": (3, "1-5"),
    "b": (8, "6-10"),
    "c": (15, "11-20"),
    "d": (21, "20+"),
}
WHEN: tuple[buttons.Day, ...] = ("today", "yesterday", "other")
# Each step's question, asked again under a note held before the note is open.
ASKED = {
    NoteStage.WHEN: "note.when",
    NoteStage.DATE: "note.date_ask",
    NoteStage.COUNT: "note.count",
}
MAX_HEADCOUNT = 1000


async def volunteer_projects(session: AsyncSession, person: Person) -> list[Project]:
    found = await people_repo.memberships(session, person.id, Role.VOLUNTEER)
    return [m.project for m in found if m.project is not None]


async def start(session: AsyncSession, deps: Deps, telegram_id: int) -> Reply:
    """/note, or the button under the message box."""
    person = await people.find(session, telegram_id)
    projects = await volunteer_projects(session, person) if person else []
    if person is None or not projects:
        return Reply.of("note.only_volunteers")
    before: list[Say] = []
    for group in await sessions_repo.open_sessions_of(session, person.id):
        count = await close_session(session, deps, group)
        if count:
            before.append(Say("note.replaced", {"place": group.place, "count": count}))
    if len(projects) == 1:
        reply = await _ask_where(session, deps, person, projects[0])
        return Reply((*before, *reply.parts), reply.buttons)
    await _save(session, deps, person, dialogue.Noting(NoteStage.PROJECT))
    choices = tuple(
        Button(Say("buttons.project", {"name": p.name}), buttons.encode(buttons.NoteProject(p.id)))
        for p in projects
    )
    return Reply((*before, Say("note.which_project")), choices)


async def _save(session: AsyncSession, deps: Deps, person: Person, state: dialogue.Noting) -> None:
    await dialogue.save(session, person.id, state, deps.now())


async def _ask_where(session: AsyncSession, deps: Deps, person: Person, project: Project) -> Reply:
    places = tuple(await sessions_repo.recent_places(session, person.id, project.id))
    await _save(session, deps, person, dialogue.Noting(NoteStage.WHERE, project.id, places))
    return _ask("note.where", NoteStage.WHERE, places)


def _ask(key: str, stage: NoteStage, places: tuple[str, ...] = ()) -> Reply:
    """A set-up step's words with its buttons; a typed answer it cannot take says why and
    shows the same buttons again, so a refusal never leaves them with nothing to tap."""
    return Reply.of(key, buttons=_choices(stage, places))


def _choices(stage: NoteStage, places: tuple[str, ...]) -> tuple[Button, ...]:
    if stage is NoteStage.WHERE:
        return tuple(
            Button(Say("buttons.place", {"place": p}), buttons.encode(buttons.NotePlace(i)))
            for i, p in enumerate(places)
        )
    if stage in (NoteStage.WHEN, NoteStage.DATE):
        return tuple(
            Button(Say(f"buttons.when_{d}"), buttons.encode(buttons.NoteWhen(d)), beside=i > 0)
            for i, d in enumerate(WHEN)
        )
    if stage is NoteStage.COUNT:
        return tuple(
            Button(Say(f"buttons.count_{b}"), buttons.encode(buttons.NoteCount(b)), b in "bd")
            for b in BANDS
        )
    return ()


async def message(
    session: AsyncSession, deps: Deps, person: Person, state: dialogue.Noting, incoming: Incoming
) -> Handled:
    """A typed answer to the current step, or a note once the session is open."""
    if state.stage is NoteStage.COMMENTS:
        return await add_note(session, deps, person, state, incoming)
    return Handled(await _typed(session, deps, person, state, incoming))


async def _typed(
    session: AsyncSession, deps: Deps, person: Person, state: dialogue.Noting, incoming: Incoming
) -> Reply:
    text = (incoming.text or "").strip()
    if not text and state.stage is NoteStage.WHERE:
        return _ask("note.need_words", state.stage, state.places)
    if state.stage is NoteStage.WHERE:
        return await _set_place(session, deps, person, state, text[:200])
    if state.stage in (NoteStage.WHEN, NoteStage.DATE):
        today = await _today(session, deps, state)
        day = parse_day(text, today) if text else None
        held = early.holding(state, incoming) if day is None else None
        if held is not None:
            return await _hold(session, deps, person, held)
        if day is None or day > today:
            return _ask("note.date_future" if day else "note.date_unreadable", state.stage)
        return await _set_day(session, deps, person, state, day)
    if state.stage is NoteStage.COUNT:
        number = headcount(text) or 0  # "8", "about 12", "a dozen", "twelve or so"
        held = early.holding(state, incoming) if not number else None
        if held is not None:
            return await _hold(session, deps, person, held)
        if not 0 < number <= MAX_HEADCOUNT:
            return _ask("note.count_bad", state.stage)
        return await open_note(session, deps, person, state, number, None)
    return Reply.of("note.which_project")


async def _hold(session: AsyncSession, deps: Deps, person: Person, held: dialogue.Noting) -> Reply:
    """A note typed before the note is open, kept with the set-up: the step is asked again."""
    await _save(session, deps, person, held)
    question = Say(ASKED[held.stage])
    return Reply((Say("note.kept_early"), question), _choices(held.stage, ()))


async def _today(session: AsyncSession, deps: Deps, state: dialogue.Noting) -> date:
    """Today where the group meets: a session is dated in its project's time zone."""
    project = await session.get(Project, state.project_id) if state.project_id else None
    return deps.project_today(project) if project else deps.now().astimezone(deps.timezone).date()


# --- the buttons on the set-up steps; None when one does not fit the current step -----------


async def _at(
    session: AsyncSession, telegram_id: int, *stages: NoteStage
) -> tuple[Person, dialogue.Noting] | None:
    person = await people.find(session, telegram_id)
    if person is None:
        return None
    state = await dialogue.load(session, person.id)
    if not isinstance(state, dialogue.Noting) or state.stage not in stages:
        return None
    return person, state


async def pick_project(
    session: AsyncSession, deps: Deps, telegram_id: int, project_id: int
) -> Reply | None:
    found = await _at(session, telegram_id, NoteStage.PROJECT)
    if found is None:
        return None
    person, _ = found
    project = next(
        (p for p in await volunteer_projects(session, person) if p.id == project_id), None
    )
    return await _ask_where(session, deps, person, project) if project else None


async def pick_place(
    session: AsyncSession, deps: Deps, telegram_id: int, index: int
) -> Reply | None:
    found = await _at(session, telegram_id, NoteStage.WHERE)
    if found is None or index >= len(found[1].places):
        return None
    person, state = found
    return await _set_place(session, deps, person, state, state.places[index])


async def pick_day(
    session: AsyncSession, deps: Deps, telegram_id: int, day: buttons.Day
) -> Reply | None:
    # On the typed date's step too: a date it could not read shows these buttons again.
    found = await _at(session, telegram_id, NoteStage.WHEN, NoteStage.DATE)
    if found is None:
        return None
    person, state = found
    if day == "other":
        await _save(session, deps, person, replace(state, stage=NoteStage.DATE))
        return Reply.of("note.date_ask")
    today = await _today(session, deps, state)
    held_on = today if day == "today" else today - timedelta(days=1)
    return await _set_day(session, deps, person, state, held_on)


async def pick_count(
    session: AsyncSession, deps: Deps, telegram_id: int, band: buttons.Band
) -> Reply | None:
    found = await _at(session, telegram_id, NoteStage.COUNT)
    if found is None:
        return None
    estimate, shown = BANDS[band]
    return await open_note(session, deps, *found, estimate, shown)


async def _set_place(
    session: AsyncSession, deps: Deps, person: Person, state: dialogue.Noting, place: str
) -> Reply:
    await _save(session, deps, person, replace(state, stage=NoteStage.WHEN, place=place))
    return _ask("note.when", NoteStage.WHEN)


async def _set_day(
    session: AsyncSession, deps: Deps, person: Person, state: dialogue.Noting, day: date
) -> Reply:
    await _save(session, deps, person, replace(state, stage=NoteStage.COUNT, held_on=day))
    return _ask("note.count", NoteStage.COUNT)
