"""A voice note's words, once heard: screened exactly as typed words are, then read back.

The person who spoke is asked "Did I get that right?" (Yes / Not quite / Skip); a volunteer
noting a group sees the words under the note without a question. The answer goes through the
outbox (help for someone in danger first), in the transaction that stores the words.
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy.ext.asyncio import AsyncSession

from bot import care, delivery
from bot.core import (
    Button,
    Deps,
    Handled,
    Incoming,
    Kept,
    Reply,
    Say,
    buttons,
    dialogue,
    people,
    read_spoken,
)
from bot.voice.engines import Transcript
from bot.voice.nudging import ask_staff_to_listen
from bot.voice.worker import VoiceJob
from storage.models import Comment, Heard, Person
from storage.repositories import comments
from storage.repositories import voice as voice_repo

URGENT = 0  # the outbox's first place, as care's alerts
READ_BACK = 10  # soon after: they are waiting for it


async def heard(
    session: AsyncSession, deps: Deps, job: VoiceJob, result: Transcript | None
) -> Reply | None:
    """Store what was heard (None: nothing could be), screen it, and queue the read-back.
    Returns what was queued (None when the note was forgotten or heard already)."""
    comment = await comments.comment_by_message(session, job.chat_id, job.message_id)
    if comment is None:  # not kept (someone not yet joined): screened all the same
        return await _screen_only(session, deps, job, result)
    if comment.voice_file_id is None or comment.transcript_status is not None:
        return None
    text = result.text.strip() if result else ""
    unsure = result is None or result.unsure
    status = Heard.FAILED if result is None else Heard.UNCONFIRMED
    voice_repo.hear(comment, text, result.confidence if result else None, status, unsure=unsure)
    if text and not unsure:  # an unsure one waits for staff to listen, a voice message still
        read_spoken(deps.words, comment, text)
    if unsure:
        await ask_staff_to_listen(session, deps, comment)
    speaker = await people.find(session, job.chat_id)
    reply = _read_back(comment, text, unsure=unsure, failed=result is None)
    if text:
        # Exactly the typed path's screening: the words as if they had been typed.
        said = Incoming(job.chat_id, job.chat_id, job.message_id, text=text)
        kept = replace(Kept.of(comment), text=comment.text or spoken(deps, text))
        reply = (
            await care.screen(
                session, deps, said, Handled(reply, kept), speaker.id if speaker else None
            )
            or reply
        )
    await _queue(
        session, deps, f"voice:{comment.id}", job.chat_id,
        speaker.id if speaker else comment.person_id, reply,
    )  # fmt: skip
    return reply


async def _queue(
    session: AsyncSession, deps: Deps, key: str, chat_id: int, person_id: int | None, reply: Reply
) -> None:
    """Queue a reply and what follows it, each a message of its own (help for danger comes
    alone and first; the read-back after it)."""
    part: Reply | None = reply
    number = 0
    while part is not None:
        await delivery.enqueue(
            session, key=key if number == 0 else f"{key}:then:{number}", kind="voice",
            chat_id=chat_id, person_id=person_id, reply=replace(part, then=None),
            now=deps.now(), priority=URGENT if part.urgent else READ_BACK + number,
        )  # fmt: skip
        part, number = part.then, number + 1


async def _screen_only(
    session: AsyncSession, deps: Deps, job: VoiceJob, result: Transcript | None
) -> Reply | None:
    """Help for danger said aloud by someone Natter keeps nothing of; nothing else is said."""
    if result is None or not result.text.strip():
        return None
    said = Incoming(job.chat_id, job.chat_id, job.message_id, text=result.text.strip())
    speaker = await people.find(session, job.chat_id)
    reply = await care.screen(session, deps, said, Handled(None), speaker.id if speaker else None)
    if reply is None:
        return None
    key = f"voice-help:{job.chat_id}:{job.message_id}"
    await _queue(session, deps, key, job.chat_id, speaker.id if speaker else None, reply)
    return reply


def spoken(deps: Deps, text: str) -> str:
    """How staff read a voice note's words wherever typed words would be."""
    return deps.prompts.plain("voice.spoken", text=text)


def _read_back(comment: Comment, text: str, *, unsure: bool, failed: bool) -> Reply:
    if comment.group_session_id is not None:  # a volunteer's note: no question
        undo = Button(
            Say("buttons.undo"), buttons.encode(buttons.NoteUndo(comment.group_session_id))
        )
        key = "voice.noted_unsure" if unsure else "voice.noted"
        return Reply((Say(key, {"text": text}),), (undo,))
    if failed or unsure:
        key = "voice.failed" if failed else "voice.unsure"
        return Reply(
            (Say(key),), (_button(comment, "type_it", "fix"), _button(comment, "skip", "skip"))
        )
    choices = (
        _button(comment, "right", "yes"),
        _button(comment, "not_quite", "fix", beside=True),
        _button(comment, "skip", "skip", beside=True),
    )
    return Reply((Say("voice.heard", {"text": text}),), choices)


def _button(comment: Comment, label: str, choice: buttons.Heard, *, beside: bool = False) -> Button:
    data = buttons.encode(buttons.VoiceHeard(comment.id, choice))
    return Button(Say(f"voice.buttons.{label}"), data, beside)


async def answer(
    session: AsyncSession, deps: Deps, telegram_id: int, comment_id: int, choice: buttons.Heard
) -> Reply | None:
    """Yes / Not quite / Skip under a read-back: only the speaker's own note, still unanswered."""
    person = await people.find(session, telegram_id)
    comment = await session.get(Comment, comment_id)
    if (
        person is None
        or comment is None
        or comment.person_id != person.id
        or comment.transcript_status not in (Heard.UNCONFIRMED, Heard.FAILED)
    ):
        return None
    if choice == "yes":
        if comment.transcript_status is not Heard.UNCONFIRMED or not comment.transcript:
            return None
        comment.transcript_status = Heard.CONFIRMED
        return Reply.of("voice.right")
    if choice == "skip":
        return Reply.of("voice.skipped")
    comment.needs_listening = True  # not what they said: staff listen too, whatever they type
    await ask_staff_to_listen(session, deps, comment)
    previous = await dialogue.load(session, person.id)
    if isinstance(previous, dialogue.CorrectingVoice):
        previous = previous.previous
    await dialogue.save(
        session, person.id, dialogue.CorrectingVoice(comment.id, previous), deps.now()
    )
    return Reply.of("voice.type_it")


async def corrected(
    session: AsyncSession,
    deps: Deps,
    person: Person,
    state: dialogue.CorrectingVoice,
    incoming: Incoming,
) -> Handled | None:
    """What they typed after "Not quite" becomes the note's words (screened as typed words are,
    by bot.conversation); a new voice note instead is simply another note."""
    await dialogue.save(session, person.id, state.previous, deps.now())
    comment = await session.get(Comment, state.comment_id)
    if incoming.text is None or comment is None or comment.person_id != person.id:
        return None
    comment.transcript = incoming.text.strip()[:4000]
    comment.transcript_status = Heard.CORRECTED
    read_spoken(deps.words, comment, comment.transcript)
    kept = replace(Kept.of(comment), text=spoken(deps, comment.transcript))
    return Handled(Reply.of("voice.corrected"), kept)
