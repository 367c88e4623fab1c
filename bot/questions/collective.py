"""Programme-wide questions (the collective level): the programme team asks, every project answers.

Until check-ins exist, a question is put to a participant at the end of their next conversation,
once, with a way to say "not now".
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import (
    Button,
    Deps,
    Handled,
    Incoming,
    NewComment,
    Reply,
    Say,
    buttons,
    dialogue,
    people,
    store_comment,
    team_of,
)
from prompts.lint import (
    MAX_SENTENCE_WORDS,
    MIN_READING_EASE,
    READING_EASE_MIN_WORDS,
    Jargon,
    reading_ease,
    sentences,
)
from storage.models import Level, Person, ProgrammeQuestion, Role
from storage.repositories import digests, questions
from storage.repositories import people as people_repo

MAX_QUESTION = 300


def question_key(question_id: int) -> str:
    return f"{digests.PROGRAMME_KEY}{question_id}"


async def ask_start(session: AsyncSession, deps: Deps, telegram_id: int) -> Reply:
    found = await team_of(session, telegram_id)
    person = await people.find(session, telegram_id)
    if found is None or not found.programme or person is None:
        return Reply.of("ask.only_programme")
    await dialogue.save(session, person.id, dialogue.WritingQuestion(), deps.now())
    return Reply.of("ask.prompt")


def plain_words_problem(text: str, jargon: Jargon) -> Say | None:
    """The first reason a question is not plain enough for everyone, as a prompt to show."""
    found = jargon.found_in(text)
    if found:
        return Say("ask.jargon", {"words": found[0]})
    if (
        any(len(words) > MAX_SENTENCE_WORDS for words in sentences(text))
        or len(text) > MAX_QUESTION
    ):
        return Say("ask.long")
    if (
        sum(map(len, sentences(text))) >= READING_EASE_MIN_WORDS
        and reading_ease(text) < MIN_READING_EASE
    ):
        return Say("ask.hard")
    return None


async def ask_typed(
    session: AsyncSession,
    deps: Deps,
    person: Person,
    state: dialogue.WritingQuestion,
    incoming: Incoming,
) -> Handled:
    """The question the programme team typed after /ask, kept if it is plain enough."""
    question = " ".join((incoming.text or "").split())
    if not question:
        return Handled(Reply.of("ask.prompt"))
    problem = plain_words_problem(question, deps.words.jargon)
    if problem is not None:
        return Handled(Reply((problem,)))
    await questions.add_question(session, question, person.id, deps.now())
    await dialogue.save(session, person.id, None, deps.now())
    return Handled(Reply.of("ask.saved", question=question))


async def maybe_ask(session: AsyncSession, deps: Deps, person: Person) -> Reply | None:
    """The newest programme question this participant has not been asked yet, if any."""
    question = await questions.newest_unasked(session, person.id)
    return await put_question(session, deps, person.id, question)


async def put_question_by_id(
    session: AsyncSession, deps: Deps, person_id: int, question_id: int | None
) -> Reply | None:
    """`maybe_ask` when the question's id was read already (people.arrival reads it).

    No cache: the id comes from the same transaction's first read, so a question added or
    closed by the programme team is seen by the very next message, on any worker.
    """
    if question_id is None:
        return None
    question = await questions.question_by_id(session, question_id)
    return await put_question(session, deps, person_id, question)


async def put_question(
    session: AsyncSession, deps: Deps, person_id: int, question: ProgrammeQuestion | None
) -> Reply | None:
    """Put `question` to them (once: it is recorded as asked) and wait for their answer."""
    if question is None:
        return None
    await questions.record_asked(session, question.id, person_id, deps.now())
    state = dialogue.AnsweringProgramme(question.id)
    await dialogue.save(session, person_id, state, deps.now())
    skip_data = buttons.encode(buttons.SkipProgrammeQuestion(question.id))
    skip = Button(Say("buttons.not_now"), skip_data)
    return Reply((Say("collective.ask", {"question": question.text}),), (skip,))


async def answer(
    session: AsyncSession,
    deps: Deps,
    person: Person,
    state: dialogue.AnsweringProgramme,
    incoming: Incoming,
) -> Handled:
    project_id = await people_repo.first_project_id(session, person.id, Role.PARTICIPANT)
    kept = await store_comment(
        session,
        NewComment.of(
            incoming, deps.now(), project_id=project_id, person_id=person.id,
            level=Level.COLLECTIVE, question_key=question_key(state.question_id),
            words=deps.words,
        ),
    )  # fmt: skip
    await dialogue.save(session, person.id, None, deps.now())
    return Handled(Reply.of("collective.thanks"), kept)


async def skip(
    session: AsyncSession, deps: Deps, telegram_id: int, question_id: int
) -> Reply | None:
    person = await people.find(session, telegram_id)
    if person is None:
        return None
    state = await dialogue.load(session, person.id)
    if state != dialogue.AnsweringProgramme(question_id):
        return None
    await dialogue.save(session, person.id, None, deps.now())
    return Reply.of("collective.skipped")


def then_ask(reply: Reply, question: Reply | None) -> Reply:
    """`reply` with the programme question added at the end, when there is one."""
    if question is None:
        return reply
    return Reply((*reply.parts, *question.parts), (*reply.buttons, *question.buttons))
