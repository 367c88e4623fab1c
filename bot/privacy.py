"""What people control about their data: /stop, /mydata and /forget."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot import callbacks, people
from bot.deps import Deps
from bot.replies import Button, Document, Reply, Say
from storage.models import Comment
from storage.repositories import comments, dialogues
from storage.repositories import people as people_repo

CONFIRM_STEP = "confirm_forget"


async def stop(session: AsyncSession, deps: Deps, telegram_id: int) -> Reply:
    """Pause everything Natter would send on its own; `/start` resumes."""
    person = await people.find(session, telegram_id)
    if person is None:
        return Reply.of("stop.not_member")
    person.paused = True
    return Reply.of("stop.done")


async def my_data(session: AsyncSession, deps: Deps, telegram_id: int) -> Reply:
    """A readable file of every row that is about this person."""
    person = await people.find(session, telegram_id)
    if person is None:
        return Reply.of("mydata.nothing")
    yes_no = "mydata.yes_word" if person.paused else "mydata.no_word"
    lines = [
        Say("mydata.title"),
        Say("mydata.made_up_name", {"pseudonym": f"Person {person.pseudonym}"}),
        Say("mydata.joined", {"date": deps.local(person.consented_at)}),
        Say("mydata.paused", {"paused": deps.prompts.plain(yes_no)}),
        Say("mydata.groups"),
    ]
    for membership in await people_repo.memberships(session, person.id):
        name = membership.project.name if membership.project else ""
        role = deps.prompts.plain(f"mydata.role_{membership.role.value}")
        lines.append(Say("mydata.group_line", {"project": name, "role": role}))
    lines.append(Say("mydata.said"))
    said = await comments.comments_of(session, person.id)
    lines += [_said_line(deps, c) for c in said] or [Say("mydata.none_said")]
    document = Document(Say("mydata.filename"), tuple(lines))
    return Reply((Say("mydata.caption"),), documents=(document,))


def _said_line(deps: Deps, comment: Comment) -> Say:
    if comment.text is not None:
        text = comment.text
    else:
        text = deps.prompts.plain("mydata.voice", seconds=comment.voice_seconds or 0)
    project = comment.project.name if comment.project else deps.prompts.plain("mydata.unfiled")
    return Say(
        "mydata.said_line",
        {"date": deps.local(comment.created_at), "project": project, "text": text},
    )


async def forget_ask(session: AsyncSession, deps: Deps, telegram_id: int) -> Reply:
    person = await people.find(session, telegram_id)
    if person is None:
        return Reply.of("forget.nothing")
    state = await dialogues.load_state(session, person.id)
    # Remember where they were, so "No, keep it" puts them back mid-conversation.
    previous = state.get("previous", {}) if state.get("step") == CONFIRM_STEP else state
    await dialogues.save_state(
        session, person.id, {"step": CONFIRM_STEP, "previous": previous}, deps.now()
    )
    buttons = (
        Button(Say("buttons.forget_yes"), callbacks.encode("forget", "yes")),
        Button(Say("buttons.forget_no"), callbacks.encode("forget", "no")),
    )
    return Reply.of("forget.ask", buttons=buttons)


async def forget_answer(
    session: AsyncSession, deps: Deps, telegram_id: int, choice: str
) -> Reply | None:
    """Delete everything on yes; None if nothing was asked (a stale or forged button)."""
    person = await people.find(session, telegram_id)
    if person is None:
        return None
    state = await dialogues.load_state(session, person.id)
    if state.get("step") != CONFIRM_STEP:
        return None
    if choice == "yes":
        await people_repo.delete_person(session, person.id)
        return Reply.of("forget.done")
    await dialogues.save_state(session, person.id, dict(state.get("previous") or {}), deps.now())
    return Reply.of("forget.kept")
