"""Volunteers noting what a group said: where, when, how many, then each thing said.

The steps live in the dialogue state, so a restart mid-session loses nothing. Button data is
checked against that state: a button from an earlier step or a closed session does nothing.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import Button, Deps, Incoming, Reply, Say, parse_day, people
from bot.core import button_data as callbacks
from bot.relay.notes import MENU, add_note, close_session, note_buttons
from storage.models import GroupSession, Person, Project, Role
from storage.repositories import dialogues
from storage.repositories import people as people_repo
from storage.repositories import projects as project_repo
from storage.repositories import sessions as sessions_repo

STEP = "note"
__all__ = ["MENU", "is_noting", "message", "pressed", "start", "volunteer_projects"]
# Tapped headcount bands: (label key suffix, best estimate, band shown to staff).
BANDS = {"a": (3, "1-5"), "b": (8, "6-10"), "c": (15, "11-20"), "d": (21, "20+")}
MAX_HEADCOUNT = 1000


def is_noting(state: dict[str, Any]) -> bool:
    return state.get("step") == STEP


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
    await _save(session, deps, person, {"stage": "project"})
    buttons = tuple(
        Button(Say("buttons.project", {"name": p.name}), callbacks.encode("nproj", p.id))
        for p in projects
    )
    return Reply((*before, Say("note.which_project")), buttons)


async def _save(session: AsyncSession, deps: Deps, person: Person, state: dict[str, Any]) -> None:
    await dialogues.save_state(session, person.id, {"step": STEP, **state}, deps.now())


async def _ask_where(session: AsyncSession, deps: Deps, person: Person, project: Project) -> Reply:
    places = await sessions_repo.recent_places(session, person.id, project.id)
    await _save(
        session, deps, person, {"stage": "where", "project_id": project.id, "places": places}
    )
    buttons = tuple(
        Button(Say("buttons.place", {"place": place}), callbacks.encode("nplace", i))
        for i, place in enumerate(places)
    )
    return Reply.of("note.where", buttons=buttons)


def _ask_when() -> Reply:
    buttons = tuple(
        Button(Say(f"buttons.when_{choice}"), callbacks.encode("nwhen", choice), beside=i > 0)
        for i, choice in enumerate(("today", "yesterday", "other"))
    )
    return Reply.of("note.when", buttons=buttons)


def _ask_count() -> Reply:
    buttons = tuple(
        Button(Say(f"buttons.count_{band}"), callbacks.encode("ncount", band), beside=band in "bd")
        for band in BANDS
    )
    return Reply.of("note.count", buttons=buttons)


async def message(
    session: AsyncSession, deps: Deps, person: Person, state: dict[str, Any], incoming: Incoming
) -> Reply:
    """A typed answer to the current step, or a note once the session is open."""
    stage = state.get("stage")
    if stage == "comments":
        return await add_note(session, deps, person, state, incoming)
    text = (incoming.text or "").strip()
    if not text:
        return Reply.of("note.need_words")
    if stage == "where":
        return await _set_place(session, deps, person, state, text[:200])
    if stage in ("when", "date"):
        today = deps.now().astimezone(deps.timezone).date()
        day = parse_day(text, today)
        if day is None:
            return Reply.of("note.date_unreadable")
        if day > today:
            return Reply.of("note.date_future")
        return await _set_day(session, deps, person, state, day)
    if stage == "count":
        number = int(text) if text.isascii() and text.isdigit() else 0
        if not 0 < number <= MAX_HEADCOUNT:
            return Reply.of("note.count_bad")
        return await _open(session, deps, person, state, number, None)
    return Reply.of("note.which_project")


async def pressed(
    session: AsyncSession, deps: Deps, telegram_id: int, action: str, args: tuple[str, ...]
) -> Reply | None:
    """A button on one of the set-up steps; None when it does not fit the current step."""
    person = await people.find(session, telegram_id)
    if person is None:
        return None
    state = await dialogues.load_state(session, person.id)
    if not is_noting(state):
        return None
    stage = state.get("stage")
    if action == "nproj" and stage == "project":
        project = next(
            (p for p in await volunteer_projects(session, person) if p.id == int(args[0])), None
        )
        return await _ask_where(session, deps, person, project) if project else None
    if action == "nplace" and stage == "where" and int(args[0]) < len(state.get("places", [])):
        return await _set_place(session, deps, person, state, state["places"][int(args[0])])
    if action == "nwhen" and stage == "when":
        today = deps.now().astimezone(deps.timezone).date()
        if args[0] == "other":
            await _save(session, deps, person, {**_base(state), "stage": "date"})
            return Reply.of("note.date_ask")
        day = today if args[0] == "today" else today - timedelta(days=1)
        return await _set_day(session, deps, person, state, day)
    if action == "ncount" and stage == "count" and args[0] in BANDS:
        estimate, band = BANDS[args[0]]
        return await _open(session, deps, person, state, estimate, band)
    return None


def _base(state: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in state.items() if k != "step"}


async def _set_place(
    session: AsyncSession, deps: Deps, person: Person, state: dict[str, Any], place: str
) -> Reply:
    await _save(session, deps, person, {**_base(state), "stage": "when", "place": place})
    return _ask_when()


async def _set_day(
    session: AsyncSession, deps: Deps, person: Person, state: dict[str, Any], day: date
) -> Reply:
    await _save(
        session, deps, person, {**_base(state), "stage": "count", "held_on": day.isoformat()}
    )
    return _ask_count()


async def _open(
    session: AsyncSession,
    deps: Deps,
    person: Person,
    state: dict[str, Any],
    headcount: int,
    band: str | None,
) -> Reply:
    project = await project_repo.project_by_id(session, int(state["project_id"]))
    if project is None:
        return Reply.of("note.only_volunteers")
    group = await sessions_repo.add_session(
        session,
        GroupSession(
            project_id=project.id,
            volunteer_id=person.id,
            place=str(state["place"]),
            held_on=date.fromisoformat(state["held_on"]),
            headcount=headcount,
            headcount_band=band,
            opened_at=deps.now(),
        ),
    )
    await _save(session, deps, person, {"stage": "comments", "session_id": group.id})
    return Reply((Say("note.ready"),), note_buttons(group.id, with_tags=None))
