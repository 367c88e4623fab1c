"""Staff answering suggestions: tick, what happened, a sentence, preview, send.

Every step is checked against the staff member's dialogue state and projects: button data
naming a comment they may not see, or a step they are not on, does nothing (None).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import (
    Button,
    Deps,
    Handled,
    Incoming,
    Reply,
    ReplyStage,
    Say,
    buttons,
    dialogue,
)
from bot.replies import telling as loop
from bot.replies.listing import show, staff_of
from bot.replies.sending import preview, send
from storage.models import Outcome, Person, Response
from storage.repositories import responses as repo

MAX_REPLY = 600


@dataclass(frozen=True, slots=True)
class _At:
    person: Person
    project_ids: list[int]
    state: dialogue.Replying


async def _at(session: AsyncSession, telegram_id: int, *stages: ReplyStage) -> _At | Reply | None:
    """Staff on one of `stages` (any stage if none is given); "only for the team" for anyone
    else; None for staff not on that stage (a stale button)."""
    staff = await staff_of(session, telegram_id)
    if isinstance(staff, Reply):
        return staff
    person, project_ids = staff
    state = await dialogue.load(session, person.id)
    if not isinstance(state, dialogue.Replying) or (stages and state.stage not in stages):
        return None
    return _At(person, project_ids, state)


async def _save(session: AsyncSession, deps: Deps, at: _At, state: dialogue.Replying) -> None:
    await dialogue.save(session, at.person.id, state, deps.now())


async def next_page(session: AsyncSession, deps: Deps, telegram_id: int, page: int) -> Reply:
    return await show(session, deps, telegram_id, page)


async def tick(
    session: AsyncSession, deps: Deps, telegram_id: int, comment_id: int
) -> Reply | None:
    at = await _at(session, telegram_id, ReplyStage.PICK)
    if not isinstance(at, _At):
        return at
    if comment_id not in at.state.shown:
        return None
    ticked = set(at.state.ticked) ^ {comment_id}
    await _save(session, deps, at, replace(at.state, ticked=tuple(sorted(ticked))))
    key = "answers.ticked" if comment_id in ticked else "answers.unticked"
    return Reply((), toast=Say(key), keep_buttons=True)


async def _ticked(session: AsyncSession, telegram_id: int) -> _At | Reply | None:
    """Staff picking, with at least one ticked; "tick one first" when none is."""
    at = await _at(session, telegram_id, ReplyStage.PICK)
    if isinstance(at, _At) and not at.state.ticked:
        return Reply((), toast=Say("answers.tick_first"), keep_buttons=True)
    return at


async def go(session: AsyncSession, deps: Deps, telegram_id: int) -> Reply | None:
    at = await _ticked(session, telegram_id)
    if not isinstance(at, _At):
        return at
    return await _ask_outcome(session, deps, at, at.state)


async def not_needed(session: AsyncSession, deps: Deps, telegram_id: int) -> Reply | None:
    """The ticked ones need no reply: off the list (and kept, counted and quoted as before)."""
    at = await _ticked(session, telegram_id)
    if not isinstance(at, _At):
        return at
    await repo.set_needs_reply(session, at.state.ticked, at.project_ids, False)
    shown = await show(session, deps, telegram_id)
    return replace(shown, parts=(Say("answers.not_needed"), *shown.parts))


async def pick_update(session: AsyncSession, deps: Deps, telegram_id: int) -> Reply | None:
    """Choose one of their replies to say more about (a new version goes to the same people)."""
    at = await _at(session, telegram_id, ReplyStage.PICK)
    if not isinstance(at, _At):
        return at
    replies = await repo.open_replies(session, at.project_ids)
    await _save(session, deps, at, replace(at.state, stage=ReplyStage.UPDATE))
    lines = [Say("answers.update_pick")]
    lines += [
        Say("answers.update_line", {"number": n, "text": loop.trim(r.text, 120)})
        for n, r in enumerate(replies, 1)
    ]
    choices = tuple(
        Button(
            Say("buttons.update_one", {"number": n}),
            buttons.encode(buttons.ReplyUpdatePick(r.id)),
            beside=n > 1,
        )
        for n, r in enumerate(replies, 1)
    )
    return Reply(tuple(lines), choices)


async def update(
    session: AsyncSession, deps: Deps, telegram_id: int, response_id: int
) -> Reply | None:
    at = await _at(session, telegram_id, ReplyStage.UPDATE)
    if not isinstance(at, _At):
        return at
    response = await session.get(Response, response_id)
    if response is None or response.project_id not in at.project_ids:
        return None
    linked = tuple(c.id for c in await repo.answered_by(session, response.id))
    state = replace(at.state, ticked=linked, response_id=response.id)
    return await _ask_outcome(session, deps, at, state)


async def _ask_outcome(
    session: AsyncSession, deps: Deps, at: _At, state: dialogue.Replying
) -> Reply:
    await _save(session, deps, at, replace(state, stage=ReplyStage.OUTCOME))
    choices = tuple(
        Button(Say(f"buttons.outcome_{o.value}"), buttons.encode(buttons.ReplyOutcome(o)))
        for o in Outcome
    )
    return Reply.of("answers.outcome", buttons=choices)


async def outcome(
    session: AsyncSession, deps: Deps, telegram_id: int, chosen: Outcome
) -> Reply | None:
    at = await _at(session, telegram_id, ReplyStage.OUTCOME)
    if not isinstance(at, _At):
        return at
    cannot = chosen is Outcome.CANNOT
    stage = ReplyStage.REASON if cannot else ReplyStage.TEXT
    await _save(session, deps, at, replace(at.state, stage=stage, outcome=chosen))
    return Reply.of("answers.reason" if cannot else "answers.text")


async def typed(
    session: AsyncSession,
    deps: Deps,
    person: Person,
    state: dialogue.Replying,
    incoming: Incoming,
) -> Handled | None:
    """The reason or the reply sentence, then a preview of exactly what people will get;
    None on any other stage (then it is an ordinary message)."""
    if state.stage not in (ReplyStage.REASON, ReplyStage.TEXT):
        return None
    at = await _at(session, person.telegram_id, state.stage)
    if not isinstance(at, _At):  # no longer staff (taken off the project midway)
        await dialogue.save(session, person.id, None, deps.now())
        return Handled(at or Reply.of("answers.cancelled"))
    if not await repo.answerable(session, list(state.ticked), at.project_ids, state.response_id):
        await dialogue.save(session, person.id, None, deps.now())
        return Handled(Reply.of("answers.cancelled"))  # none of theirs to answer any more
    words = " ".join((incoming.text or "").split())
    if not words:
        return Handled(Reply.of(f"answers.{state.stage.value}"))
    if len(words) > MAX_REPLY:
        return Handled(Reply.of("answers.too_long"))
    if state.stage is ReplyStage.REASON:
        reason = replace(state, stage=ReplyStage.TEXT, reason=words)
        await dialogue.save(session, person.id, reason, deps.now())
        return Handled(Reply.of("answers.text"))
    state = replace(state, stage=ReplyStage.CONFIRM, text=words)
    await dialogue.save(session, person.id, state, deps.now())
    shown = await preview(session, state)
    choices = (
        Button(Say("buttons.send"), buttons.encode(buttons.ReplySend())),
        Button(Say("buttons.cancel"), buttons.encode(buttons.ReplyCancel()), beside=True),
    )
    return Handled(Reply((Say("answers.preview"), *shown), choices))


async def confirm(session: AsyncSession, deps: Deps, telegram_id: int) -> Reply | None:
    at = await _at(session, telegram_id, ReplyStage.CONFIRM)
    if not isinstance(at, _At):
        return at
    return await send(session, deps, at.person, at.project_ids, at.state)


async def cancel(session: AsyncSession, deps: Deps, telegram_id: int) -> Reply | None:
    at = await _at(session, telegram_id)
    if not isinstance(at, _At):
        return at
    await dialogue.save(session, at.person.id, None, deps.now())
    return Reply.of("answers.cancelled")
