"""Staff answering suggestions: /replies, tick, what happened, a sentence, preview, send.

Every step is checked against the staff member's dialogue state and projects: button data
naming a comment they may not see, or a step they are not on, does nothing.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import Button, Deps, Reply, Say, people, team_of
from bot.core import button_data as callbacks
from bot.replies import telling as loop
from storage.models import Comment, GroupSession, Outcome, Person, Response
from storage.repositories import dialogues, projects
from storage.repositories import responses as repo

STEP = "reply"
PAGE = 5
MAX_REPLY = 600


def is_answering(state: dict[str, Any]) -> bool:
    return state.get("step") == STEP


async def _staff(session: AsyncSession, telegram_id: int) -> tuple[Person, list[int]] | None:
    found = await team_of(session, telegram_id)
    person = await people.find(session, telegram_id)
    if found is None or person is None:
        return None
    return person, [p.id for p in found.projects]


async def show(session: AsyncSession, deps: Deps, telegram_id: int, page: int = 0) -> Reply:
    """/replies: a page of suggestions waiting for a reply, newest first."""
    staff = await _staff(session, telegram_id)
    if staff is None:
        return Reply.of("team.only")
    person, project_ids = staff
    waiting = await repo.waiting(session, project_ids, PAGE + 1, page * PAGE)
    updatable = await repo.open_replies(session, project_ids)
    more = len(waiting) > PAGE
    waiting = waiting[:PAGE]
    state = {
        "step": STEP,
        "stage": "pick",
        "page": page,
        "shown": [s.comment_id for s in waiting],
        "ticked": [],
    }
    await dialogues.save_state(session, person.id, state, deps.now())
    if not waiting:
        key = "answers.no_more" if page else "answers.none_waiting"
        update = (Button(Say("buttons.update"), callbacks.encode("rupd")),) if updatable else ()
        return Reply.of(key, buttons=update)
    total = await _count(session, project_ids)
    lines = [Say("answers.title", {"count": total})]
    for number, s in enumerate(waiting, start=1):
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
        if s.text:
            lines.append(Say("answers.line", {**words, "text": loop.trim(s.text, 200)}))
        else:
            lines.append(Say("answers.line_voice", {**words, "seconds": s.voice_seconds or 0}))
    lines.append(Say("answers.how"))
    buttons = [
        Button(
            Say("buttons.tick", {"number": n}),
            callbacks.encode("rtick", s.comment_id),
            beside=n > 1,
        )
        for n, s in enumerate(waiting, start=1)
    ]
    buttons.append(Button(Say("buttons.answer"), callbacks.encode("rgo")))
    if more:
        buttons.append(
            Button(Say("buttons.next_page"), callbacks.encode("rnext", page + 1), beside=True)
        )
    if updatable:
        buttons.append(Button(Say("buttons.update"), callbacks.encode("rupd")))
    return Reply(tuple(lines), tuple(buttons))


async def _count(session: AsyncSession, project_ids: list[int]) -> int:
    return sum(f.waiting for f in (await repo.figures(session, project_ids)).values())


async def pressed(
    session: AsyncSession, deps: Deps, telegram_id: int, action: str, args: tuple[str, ...]
) -> Reply | None:
    staff = await _staff(session, telegram_id)
    if staff is None:
        return Reply.of("team.only")
    person, project_ids = staff
    if action == "rnext":
        return await show(session, deps, telegram_id, int(args[0]))
    state = await dialogues.load_state(session, person.id)
    if not is_answering(state):
        return None
    stage = state.get("stage")
    if action == "rtick" and stage == "pick" and int(args[0]) in state["shown"]:
        comment_id = int(args[0])
        ticked = set(state["ticked"]) ^ {comment_id}
        await _save(session, deps, person, {**state, "ticked": sorted(ticked)})
        key = "answers.ticked" if comment_id in ticked else "answers.unticked"
        return Reply((), toast=Say(key), keep_buttons=True)
    if action == "rgo" and stage == "pick":
        if not state["ticked"]:
            return Reply((), toast=Say("answers.tick_first"), keep_buttons=True)
        return await _ask_outcome(session, deps, person, state)
    if action == "rupd" and stage == "pick":
        return await _pick_update(session, deps, person, project_ids, state)
    if action == "rupdpick" and stage == "update":
        response = await session.get(Response, int(args[0]))
        if response is None or response.project_id not in project_ids:
            return None
        linked = [c.id for c in await repo.answered_by(session, response.id)]
        return await _ask_outcome(
            session, deps, person, {**state, "ticked": linked, "response_id": response.id}
        )
    if action == "rout" and stage == "outcome":
        outcome = Outcome(args[0])
        next_stage = "reason" if outcome is Outcome.CANNOT else "text"
        await _save(session, deps, person, {**state, "stage": next_stage, "outcome": outcome.value})
        return Reply.of("answers.reason" if outcome is Outcome.CANNOT else "answers.text")
    if action == "rsend" and stage == "confirm":
        return await _send(session, deps, person, project_ids, state)
    if action == "rcancel":
        await dialogues.save_state(session, person.id, {}, deps.now())
        return Reply.of("answers.cancelled")
    return None


async def _save(session: AsyncSession, deps: Deps, person: Person, state: dict[str, Any]) -> None:
    await dialogues.save_state(session, person.id, state, deps.now())


async def _ask_outcome(
    session: AsyncSession, deps: Deps, person: Person, state: dict[str, Any]
) -> Reply:
    await _save(session, deps, person, {**state, "stage": "outcome"})
    buttons = tuple(
        Button(Say(f"buttons.outcome_{o.value}"), callbacks.encode("rout", o.value))
        for o in Outcome
    )
    return Reply.of("answers.outcome", buttons=buttons)


async def _pick_update(
    session: AsyncSession, deps: Deps, person: Person, project_ids: list[int], state: dict[str, Any]
) -> Reply:
    replies = await repo.open_replies(session, project_ids)
    await _save(session, deps, person, {**state, "stage": "update"})
    lines = [Say("answers.update_pick")]
    lines += [
        Say("answers.update_line", {"number": n, "text": loop.trim(r.text, 120)})
        for n, r in enumerate(replies, 1)
    ]
    buttons = tuple(
        Button(
            Say("buttons.update_one", {"number": n}),
            callbacks.encode("rupdpick", r.id),
            beside=n > 1,
        )
        for n, r in enumerate(replies, 1)
    )
    return Reply(tuple(lines), buttons)


async def typed(
    session: AsyncSession, deps: Deps, person: Person, state: dict[str, Any], text: str | None
) -> Reply:
    """The reason or the reply sentence, then a preview of exactly what people will get."""
    words = " ".join((text or "").split())
    stage = state.get("stage")
    if stage not in ("reason", "text"):
        return Reply.of("answers.how")
    if not words:
        return Reply.of(f"answers.{stage}")
    if len(words) > MAX_REPLY:
        return Reply.of("answers.too_long")
    if stage == "reason":
        await _save(session, deps, person, {**state, "stage": "text", "reason": words})
        return Reply.of("answers.text")
    state = {**state, "stage": "confirm", "text": words}
    await _save(session, deps, person, state)
    preview = await _preview(session, deps, state)
    buttons = (
        Button(Say("buttons.send"), callbacks.encode("rsend")),
        Button(Say("buttons.cancel"), callbacks.encode("rcancel"), beside=True),
    )
    return Reply((Say("answers.preview"), *preview), buttons)


async def _preview(session: AsyncSession, deps: Deps, state: dict[str, Any]) -> list[Say]:
    comment = await session.get(Comment, int(state["ticked"][0]))
    if comment is None or comment.project_id is None:
        return []
    project = await projects.project_by_id(session, comment.project_id)
    assert project is not None
    draft = Response(
        project_id=project.id, outcome=Outcome(state["outcome"]), text=state["text"],
        reason=state.get("reason"), version=2 if state.get("response_id") else 1,
    )  # fmt: skip
    place = None
    if comment.group_session_id is not None:
        group = await session.get(GroupSession, comment.group_session_id)
        place = group.place if group else None
    return loop.message_for(comment, draft, project, place)


async def _send(
    session: AsyncSession, deps: Deps, person: Person, project_ids: list[int], state: dict[str, Any]
) -> Reply:
    existing = (
        await session.get(Response, int(state["response_id"])) if state.get("response_id") else None
    )
    comments = await repo.answerable(
        session, state["ticked"], project_ids, existing.id if existing else None
    )
    await dialogues.save_state(session, person.id, {}, deps.now())
    if not comments:
        return Reply.of("answers.cancelled")
    project = await projects.project_by_id(session, comments[0].project_id or 0)
    assert project is not None
    comments = [c for c in comments if c.project_id == project.id]
    now = deps.now()
    if existing is None:
        response = await repo.add(
            session,
            Response(
                project_id=project.id,
                staff_id=person.id,
                outcome=Outcome(state["outcome"]),
                text=state["text"],
                reason=state.get("reason"),
                version=1,
                created_at=now,
                updated_at=now,
            ),
        )
        await repo.link(session, response.id, [c.id for c in comments])
    else:
        response = existing
        response.outcome, response.text = Outcome(state["outcome"]), state["text"]
        response.reason, response.version, response.updated_at = (
            state.get("reason"),
            existing.version + 1,
            now,
        )
        await session.flush()
    told = await loop.queue_messages(session, deps, response, project)
    if told == 0:
        return Reply.of("answers.sent_none")
    return Reply.of("answers.sent_one") if told == 1 else Reply.of("answers.sent", count=told)
