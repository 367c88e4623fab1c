"""Programme-wide questions (the collective level): the programme team asks, every project answers.

Until check-ins exist, a question is put to a participant at the end of their next conversation,
once, with a way to say "not now".
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import Button, Deps, Incoming, Reply, Say, people, team_of
from bot.core import button_data as callbacks
from prompts.lint import (
    MAX_SENTENCE_WORDS,
    MIN_READING_EASE,
    READING_EASE_MIN_WORDS,
    Jargon,
    reading_ease,
    sentences,
)
from storage.models import (
    Comment,
    Kind,
    Level,
    Membership,
    Person,
    ProgrammeQuestion,
    QuestionAsked,
    Role,
    Source,
)
from storage.repositories import dialogues, digests
from storage.repositories import people as people_repo

ASK_STEP = "ask"
ANSWER_STEP = "collective"
MAX_QUESTION = 300


def question_key(question_id: int) -> str:
    return f"{digests.PROGRAMME_KEY}{question_id}"


async def ask_start(session: AsyncSession, deps: Deps, telegram_id: int) -> Reply:
    found = await team_of(session, telegram_id)
    person = await people.find(session, telegram_id)
    if found is None or not found.programme or person is None:
        return Reply.of("ask.only_programme")
    await dialogues.save_state(session, person.id, {"step": ASK_STEP}, deps.now())
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


async def ask_typed(session: AsyncSession, deps: Deps, person: Person, text: str | None) -> Reply:
    question = " ".join((text or "").split())
    if not question:
        return Reply.of("ask.prompt")
    problem = plain_words_problem(question, deps.words.jargon)
    if problem is not None:
        return Reply((problem,))
    session.add(
        ProgrammeQuestion(text=question, asked_by=person.id, active=True, created_at=deps.now())
    )
    await dialogues.save_state(session, person.id, {}, deps.now())
    return Reply.of("ask.saved", question=question)


async def maybe_ask(session: AsyncSession, deps: Deps, person: Person) -> Reply | None:
    """The newest programme question this participant has not been asked yet, if any."""
    newest = people_repo.newest_unasked_question(person.id).scalar_subquery()
    question = await session.scalar(select(ProgrammeQuestion).where(ProgrammeQuestion.id == newest))
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
    question = await session.get(ProgrammeQuestion, question_id)
    return await put_question(session, deps, person_id, question)


async def put_question(
    session: AsyncSession, deps: Deps, person_id: int, question: ProgrammeQuestion | None
) -> Reply | None:
    """Put `question` to them (once: it is recorded as asked) and wait for their answer."""
    if question is None:
        return None
    session.add(QuestionAsked(question_id=question.id, person_id=person_id, asked_at=deps.now()))
    state = {"step": ANSWER_STEP, "question_id": question.id}
    await dialogues.save_state(session, person_id, state, deps.now())
    skip = Button(Say("buttons.not_now"), callbacks.encode("cskip", question.id))
    return Reply((Say("collective.ask", {"question": question.text}),), (skip,))


def is_answering(state: dict[str, Any]) -> bool:
    return state.get("step") == ANSWER_STEP


async def answer(
    session: AsyncSession, deps: Deps, person: Person, state: dict[str, Any], incoming: Incoming
) -> Reply:
    project_id = await session.scalar(
        select(Membership.project_id)
        .where(Membership.person_id == person.id, Membership.role == Role.PARTICIPANT)
        .order_by(Membership.id)
        .limit(1)
    )
    session.add(
        Comment(
            project_id=project_id, person_id=person.id, source=Source.PARTICIPANT,
            level=Level.COLLECTIVE, kind=Kind.OTHER,
            question_key=question_key(int(state["question_id"])), text=incoming.text,
            voice_file_id=incoming.voice_file_id, voice_seconds=incoming.voice_seconds,
            chat_id=incoming.chat_id, message_id=incoming.message_id, flagged=False,
            created_at=deps.now(),
        )
    )  # fmt: skip
    await dialogues.save_state(session, person.id, {}, deps.now())
    return Reply.of("collective.thanks")


async def skip(
    session: AsyncSession, deps: Deps, telegram_id: int, question_id: int
) -> Reply | None:
    person = await people.find(session, telegram_id)
    if person is None:
        return None
    state = await dialogues.load_state(session, person.id)
    if not is_answering(state) or state.get("question_id") != question_id:
        return None
    await dialogues.save_state(session, person.id, {}, deps.now())
    return Reply.of("collective.skipped")


def then_ask(reply: Reply, question: Reply | None) -> Reply:
    """`reply` with the programme question added at the end, when there is one."""
    if question is None:
        return reply
    return Reply((*reply.parts, *question.parts), (*reply.buttons, *question.buttons))
