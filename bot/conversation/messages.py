"""Everything a member says after joining: answers, comments, voice notes, edits."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from bot import care, checkins, joining, questions, relay
from bot.conversation import typed
from bot.conversation.sparing import spare
from bot.conversation.turns import TURNS
from bot.core import (
    Button,
    Deps,
    Handled,
    Incoming,
    Kept,
    NewComment,
    Reply,
    Say,
    buttons,
    dialogue,
    edit_comment,
    people,
    store_comment_once,
)
from bot.language import Concern
from storage.repositories import comments
from storage.repositories import people as people_repo


async def receive(session: AsyncSession, deps: Deps, incoming: Incoming) -> Reply | None:
    """Everything someone sends: handled, then screened for words that sound like danger.

    One read on arrival (people.arrive); what it found, and the comment stored from the
    message, are handed on to the screening rather than read again.
    """
    found = await people.arrive(session, incoming.telegram_id)
    concerns = care.concerns(deps, incoming)  # safeguarding reads it before anything else
    calm = not concerns  # only then may "help" or "no thanks" be read as a tap typed out
    if concerns and found is not None:
        state = dialogue.from_json(found.state)
        step = state.step if state else None
        if found.projects and care.takes_first(step):
            return await _danger_first(session, deps, found, state, incoming, concerns[0])
        early = await care.noted_early(session, deps, found.person_id, state, incoming, concerns[0])
        if early is not None:
            return early  # a volunteer's worry before the group's note is open
        if not care.for_the_person(step):
            concerns = []  # the team writing to someone, not someone in danger
    # Answering a welcome still open here is joining, never held back as a stranger's chatter.
    welcomed = found is None and deps.offers.code_for(incoming.telegram_id, deps.now()) is not None
    handled = await _message(session, deps, found, incoming, calm=calm)
    person_id = found.person_id if found else None
    reply = await care.screen(session, deps, incoming, handled, person_id, concerns=concerns)
    if not concerns and handled.kept is not None:
        await care.from_words(session, deps, handled.kept)  # an early sign: worth a call
    return spare(deps, incoming, reply, member=found is not None, welcomed=welcomed)


async def _danger_first(
    session: AsyncSession,
    deps: Deps,
    found: people_repo.Arrival,
    state: dialogue.Dialogue | None,
    incoming: Incoming,
    concern: Concern,
) -> Reply | None:
    """Help alone, and the message kept as one of its own where they were being asked (or
    their first group): never an answer to the question, which stays the one waiting."""
    ids = [p.id for p in found.projects]
    asked = state.project_id if isinstance(state, dialogue.AnsweringQuestions) else None
    project_id = asked if asked in ids else ids[0]
    reply = await care.danger_first(session, deps, incoming, found.person_id, project_id, concern)
    if found.checkins_unanswered:
        await checkins.heard_from(session, await people.load(session, found))
    return reply


async def _message(
    session: AsyncSession,
    deps: Deps,
    found: people_repo.Arrival | None,
    incoming: Incoming,
    *,
    calm: bool,
) -> Handled:
    """Store what a member said and say thank you (a reply of None: nothing to say)."""
    if joining.looks_like(incoming.text) and await _joins(session, found, incoming):
        return Handled(await joining.by_word(session, deps, incoming.telegram_id, incoming.text))
    if found is None:
        return Handled(await typed.to_a_stranger(session, deps, incoming, calm=calm))
    state = dialogue.from_json(found.state)
    if found.projects and _just_a_comment(state, incoming, deps, calm=calm):
        return await _comment_at_once(session, deps, found, state, incoming)
    # A redelivered update: it was stored (and answered) the first time.
    if await comments.comment_exists(session, incoming.chat_id, incoming.message_id):
        return Handled(None)
    return await _take_turn(session, deps, found, state, incoming, calm=calm)


async def _joins(
    session: AsyncSession, found: people_repo.Arrival | None, incoming: Incoming
) -> bool:
    """A message shaped like a join word (PARK47) starts joining: always from a stranger (a
    wrong word counts as a try); from a member, only a real word, where free words are not a
    step's answer (a volunteer's "about 12" is a headcount)."""
    if found is None:
        return True
    state = dialogue.from_json(found.state)
    free = state is None or isinstance(state, dialogue.AnsweringQuestions)
    return free and await joining.is_join_word(session, incoming.text)


async def _comment_at_once(
    session: AsyncSession,
    deps: Deps,
    found: people_repo.Arrival,
    state: dialogue.Dialogue | None,
    incoming: Incoming,
) -> Handled:
    """The common case, in two statements: storing it is the duplicate check, so a redelivered
    update stores nothing, changes nothing and gets no answer, as in `_message`."""
    question = found.question_id
    handled = await _file(
        session, deps, found.person_id, state, incoming, found.projects,
        lambda: questions.put_question_by_id(session, deps, found.person_id, question),
    )  # fmt: skip
    if handled.kept is not None and found.checkins_unanswered:
        await checkins.heard_from(session, await people.load(session, found))
    return handled


async def _take_turn(
    session: AsyncSession,
    deps: Deps,
    found: people_repo.Arrival,
    state: dialogue.Dialogue | None,
    incoming: Incoming,
    *,
    calm: bool,
) -> Handled:
    """A message that may be a step in a conversation (or a request), else a comment."""
    person = await people.load(session, found)
    await checkins.heard_from(session, person)
    # "Stop" is a volunteer's note like any other while they are noting, and what people said
    # or what the team did while staff note it (/did).
    if not isinstance(state, dialogue.Noting | dialogue.RecordingDid) and checkins.is_opt_out(
        deps.words.opt_out, incoming.text
    ):
        return Handled(await checkins.opt_out(session, deps, person))
    if _is_note_menu(incoming, deps):
        return Handled(await relay.start(session, deps, person.telegram_id))
    if calm and (meant := await typed.understood(session, deps, person, state, incoming)):
        return meant
    turn = TURNS.get(state.step) if state is not None else None
    if turn is not None and state is not None:
        handled = await turn(session, deps, person, state, incoming)
        if handled is not None:
            return handled
    if not found.projects:
        if await relay.volunteer_projects(session, person):
            return Handled(Reply((Say("note.hint"),), menu=relay.MENU))
        return Handled(Reply.of("help.text"))
    # Rare paths may have changed things since the first read: look the question up afresh.
    return await _file(
        session, deps, person.id, state, incoming, found.projects,
        lambda: questions.maybe_ask(session, deps, person),
    )  # fmt: skip


def _just_a_comment(
    state: dialogue.Dialogue | None, incoming: Incoming, deps: Deps, *, calm: bool
) -> bool:
    """True when none of the steps or requests `_take_turn` checks first can apply: in any
    state without a turn (TURNS), a message that neither asks to stop, opens the note menu nor
    reads as a tap typed out goes straight to `_file`."""
    return (
        (state is None or state.step not in TURNS)
        and not checkins.is_opt_out(deps.words.opt_out, incoming.text)
        and not _is_note_menu(incoming, deps)
        and not (calm and typed.reads_as_intent(deps, state, incoming))
    )


def _is_note_menu(incoming: Incoming, deps: Deps) -> bool:
    text = incoming.text
    return text is not None and text.strip() == deps.prompts.plain("buttons.note_menu")


async def _file(
    session: AsyncSession,
    deps: Deps,
    person_id: int,
    state: dialogue.Dialogue | None,
    incoming: Incoming,
    projects: Sequence[people_repo.ProjectName],
    then_ask: Callable[[], Awaitable[Reply | None]],
) -> Handled:
    """Store a comment from a participant and thank them; nothing to say if it was stored before.

    With one project it is filed there, with several it waits until they say which one.
    """
    only = projects[0] if len(projects) == 1 else None
    new = NewComment.of(
        incoming,
        deps.now(),
        project_id=only.id if only else None,
        person_id=person_id,
        words=deps.words,
        keep=[only.name] if only else [],
    )
    kept = await store_comment_once(session, new)
    if kept is None:
        return Handled(None)
    if only is not None:
        key = "comment.thanks_voice" if incoming.is_voice else "comment.thanks"
        return Handled(questions.then_ask(Reply.of(key, project=only.name), await then_ask()), kept)
    pending = state.pending if isinstance(state, dialogue.ChoosingProject) else ()
    choosing = dialogue.ChoosingProject((*pending, kept.id))
    await dialogue.save(session, person_id, choosing, deps.now())
    choices = tuple(
        Button(Say("buttons.project", {"name": p.name}), buttons.encode(buttons.PickProject(p.id)))
        for p in projects
    )
    return Handled(Reply.of("comment.which_project", buttons=choices), kept)


async def edited(session: AsyncSession, deps: Deps, incoming: Incoming) -> Reply | None:
    """An edit of something already stored replaces its text. Every edit is screened again,
    like a new message: new words that sound like danger get help, an alert and a fresh look."""
    if incoming.text is None:
        return None
    person = await people.find(session, incoming.telegram_id)
    person_id = person.id if person is not None else None
    comment = await comments.comment_by_message(session, incoming.chat_id, incoming.message_id)
    handled = Handled(None)
    # Found by this chat's message: the sender's own words, or a group's they noted down.
    if comment is not None and person_id is not None and comment.person_id in (None, person_id):
        if comment.text == incoming.text:
            return None  # nothing new (an update delivered again)
        await edit_comment(session, deps.words, comment, incoming.text, deps.now())
        handled = Handled(Reply.of("comment.edited"), Kept.of(comment))
    return await care.screen(session, deps, incoming, handled, person_id, edit=True)
