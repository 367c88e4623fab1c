"""The one way a comment is made (NewComment; from a message, NewComment.of), and what is
handed on once it is stored."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.incoming import Incoming
from bot.core.messages import Reply
from bot.language import WordLists, redact
from storage.models import Comment, Kind, Level, Project, Reading, Source
from storage.repositories import comments


@dataclass(frozen=True, slots=True)
class NewComment:
    """A comment about to be stored: plain values, so the common path inserts it without the
    ORM (`store_comment_once`) and the rest as a row (`store_comment`)."""

    chat_id: int
    message_id: int
    created_at: datetime
    text: str | None
    voice_file_id: str | None
    voice_seconds: int | None
    project_id: int | None  # None only while a member of several projects has not said which
    person_id: int | None  # None for a group's words, relayed by a volunteer
    group_session_id: int | None = None
    source: Source = Source.PARTICIPANT
    level: Level = Level.INDIVIDUAL
    kind: Kind = Kind.OTHER
    question_key: str | None = None
    mood: str | None = None  # a check-in's Good / OK / Not great
    reading: Reading | None = None  # what it is (bot.language.kinds); None for a voice note
    quoted: str | None = None  # the words with names kept out, when there were any
    themes: dict[str, bool] | None = None  # theme -> happy, of each the words are about

    @classmethod
    def of(
        cls,
        incoming: Incoming,
        now: datetime,
        *,
        project_id: int | None,
        person_id: int | None,
        group_session_id: int | None = None,
        source: Source = Source.PARTICIPANT,
        level: Level = Level.INDIVIDUAL,
        kind: Kind = Kind.OTHER,
        question_key: str | None = None,
        words: WordLists | None = None,
        keep: Sequence[str] = (),
    ) -> NewComment:
        """What `incoming` said (its words or voice note), from whom, about what; read with
        `words` when it has words, for what it is and what it is about, and with names kept
        out (but the words of `keep`, the project's own names, kept)."""
        reading: Reading | None = None
        about: dict[str, bool] | None = None
        if words is not None and incoming.text:
            reading, about = read(words, incoming.text, asked(kind, source, question_key))
        return cls(
            incoming.chat_id, incoming.message_id, now, incoming.text, incoming.voice_file_id,
            incoming.voice_seconds, project_id, person_id, group_session_id, source, level,
            kind, question_key, reading=reading, quoted=quoted_of(incoming.text, keep),
            themes=about,
        )  # fmt: skip

    def columns(self) -> dict[str, object]:
        # Flagged later, by care.screen, if it sounds like danger.
        return {**{name: getattr(self, name) for name in _COLUMNS}, "flagged": False}


_COLUMNS = tuple(f.name for f in fields(NewComment))


def read(words: WordLists, text: str, asked: str) -> tuple[Reading, dict[str, bool] | None]:
    """What a comment is (kinds.py) and what it is about (themes.py): None for no themes."""
    kind = Reading(words.kinds.read(text, asked))
    if kind is Reading.NOT_FEEDBACK and words.safeguarding.concerns(text):
        kind = Reading.REMARK  # what sounds like danger is never put aside as chatter
    themes = {t.name: t.positive for t in words.themes.read(text, asked, kind.value)}
    if kind is Reading.NOT_FEEDBACK and themes:
        # About the scones or the bus, so about the service: "lovely scones and a good natter"
        # is feedback, whatever the bot's own name in it suggested; the likeliest other kind
        # ("Jean says the same about the cold" is a complaint, so it reaches /replies).
        kind = Reading(words.kinds.read(text, asked, feedback=True))
        themes = {t.name: t.positive for t in words.themes.read(text, asked, kind.value)}
    return kind, themes or None


_ASKED = {Kind.LIKED: "liked", Kind.CHANGE: "change", Kind.IDEA: "idea"}


def quoted_of(text: str | None, keep: Sequence[str] = ()) -> str | None:
    """`text` as staff may read it (names kept out), or None when it is the same."""
    if not text:
        return None
    shown = redact(text, keep)
    return shown if shown != text else None


def asked(kind: Kind, source: Source, question_key: str | None) -> str:
    """What a comment answered, as bot.language.kinds knows it."""
    if source is Source.RELAYED:
        return "group_note"
    if kind in _ASKED:
        return _ASKED[kind]
    return "free" if question_key is None else "anything_else"


@dataclass(frozen=True, slots=True)
class Kept:
    """A comment stored from the message being handled, handed on (to care.screen) so that
    nothing reads it back."""

    id: int
    project_id: int | None
    person_id: int | None
    group_session_id: int | None
    text: str | None
    flagged: bool = False  # flagged before this message (an edit of a flagged one)
    # Loaded already by the flow that kept it, so the screening need not load them again.
    project: Project | None = None
    place: str | None = None  # the group's, for a note relayed by a volunteer
    by_team: bool = False  # noted by the team themselves (/did), not relayed by a volunteer

    @classmethod
    def of(cls, comment: Comment) -> Kept:
        return cls(
            comment.id, comment.project_id, comment.person_id, comment.group_session_id,
            comment.text, comment.flagged, comment.project,
        )  # fmt: skip


@dataclass(frozen=True, slots=True)
class Handled:
    """What handling a message came to: the reply (None: say nothing), and what was kept."""

    reply: Reply | None
    kept: Kept | None = None


async def store_comment(
    session: AsyncSession,
    new: NewComment,
    *,
    project: Project | None = None,
    place: str | None = None,
) -> Kept:
    """Store it as a row; `project` and `place` are handed on with it when already loaded."""
    row = await comments.add_comment(session, Comment(**new.columns()))
    return Kept(
        row.id, new.project_id, new.person_id, new.group_session_id, new.text,
        project=project, place=place,
    )  # fmt: skip


async def store_comment_once(session: AsyncSession, new: NewComment) -> Kept | None:
    """Store it unless this message was stored before (a redelivered update): None then."""
    found = await comments.add_comment_once(session, **new.columns())
    if found is None:
        return None
    return Kept(found, new.project_id, new.person_id, new.group_session_id, new.text)


async def edit_comment(
    session: AsyncSession, words: WordLists, comment: Comment, text: str, now: datetime
) -> None:
    """New words for a stored comment (an edited message): read again, names kept out again;
    themes staff set (staff_themes) stay as they set them."""
    keep = [comment.project.name] if comment.project is not None else []
    reading, about = read(words, text, asked(comment.kind, comment.source, comment.question_key))
    await comments.edit_text(session, comment, text, quoted_of(text, keep), reading, about, now)


def read_spoken(words: WordLists, comment: Comment, transcript: str) -> None:
    """A voice note's words, once heard (or typed after "Not quite"), read as typed words are:
    what it is, its themes (staff's own stay), and the words fit to show staff, names kept out
    (in `quoted`, which for a voice note stands for its transcript: storage.models.heard_well)."""
    keep = [comment.project.name] if comment.project is not None else []
    reading, about = read(
        words, transcript, asked(comment.kind, comment.source, comment.question_key)
    )
    comment.quoted = quoted_of(transcript, keep)
    comment.reading, comment.themes = reading, about
