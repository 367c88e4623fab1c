"""Taking someone who is being forgotten out of the messages kept for others (digests, alerts,
sent or still waiting): their words, not only their made-up name.

An alert about something they wrote goes; a spreadsheet of only their rows goes. A digest keeps
its shape: each quote of theirs says "(removed at their request)", their words leave the lists
of words that came up, their rows leave its spreadsheet, and "Person K7" becomes "someone who
has since left".
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace

from sqlalchemy.ext.asyncio import AsyncSession

from bot import digests
from bot.core import (
    Button,
    Deps,
    Document,
    Reply,
    Say,
    UnreadableReply,
    reply_from_json,
    reply_to_json,
)
from storage.models import Person
from storage.repositories import comments as comments_repo
from storage.repositories import outbox as outbox_repo

# Alerts that are about one person (an alert about a group names no one).
# Alerts that are about one person (an alert about a group names no one): what they wrote, that
# they asked to be contacted, their number, their words in a conversation with the team.
_ALERTS_ABOUT_SOMEONE = ("care.alert", "care.alert_contact", "care.alert_number", "care.from_them")


@dataclass(frozen=True, slots=True)
class Forgotten:
    """Who is being taken out, and what takes their place."""

    names: tuple[str, ...]  # their made-up name as messages write it ("Person K7")
    texts: frozenset[str]  # everything they wrote that is still held
    words: frozenset[str]  # every word of it, as the digests' word lists write words
    person: str  # said instead of their name
    removed: str  # said instead of their words

    @property
    def pattern(self) -> re.Pattern[str]:
        names = "|".join(re.escape(n) for n in self.names)
        return re.compile(rf"(?<!\w)(?:{names})(?!\w)")


@dataclass(frozen=True, slots=True)
class Unquoted:
    rewritten: int  # messages kept, without them
    deleted: int  # messages that were only about them


async def forgotten(session: AsyncSession, deps: Deps, person: Person) -> Forgotten:
    names = {
        deps.prompts.plain("digest.person", pseudonym=person.pseudonym),
        f"Person {person.pseudonym}",  # as the safeguarding alert writes it
    }
    # As said, and as staff read it (names kept out): the digests quote the second.
    held = await comments_repo.comments_of(session, person.id)
    said = [words for c in held for words in (c.text, c.quoted) if words]
    return Forgotten(
        names=tuple(sorted(names)),
        texts=frozenset(said),
        words=digests.their_words(said),
        person=deps.prompts.plain("privacy.removed_person"),
        removed=deps.prompts.plain("privacy.removed_words"),
    )


async def unquote_outbox(session: AsyncSession, deps: Deps, person: Person) -> Unquoted:
    """Rewrite or delete, in this transaction, every message for others that quotes them."""
    who = await forgotten(session, deps, person)
    gone: list[int] = []
    rewritten = 0
    for row in await outbox_repo.kept_for_others(session, person.id, who.names):
        try:
            reply = unquote(deps, reply_from_json(row.message), who)
            message = None if reply is None else reply_to_json(reply)
        except UnreadableReply:  # never sent as it is; still, leave nothing of theirs in it
            message = _unquote_raw(row.message, who)
        if message is None:
            gone.append(row.id)
        elif message != row.message:
            await outbox_repo.rewrite(session, row.id, message)
            rewritten += 1
    return Unquoted(rewritten, await outbox_repo.remove(session, gone))


def unquote(deps: Deps, reply: Reply, who: Forgotten) -> Reply | None:
    """The message without them; None if nothing is left once they are taken out."""
    prompts = deps.prompts
    if any(_about(say, who) for say in reply.parts):
        return None
    documents: list[Document] = []
    for document in reply.documents:
        content = document.content
        if content is not None:
            content = digests.without_rows(prompts, content, who.names)
            if content is None:
                continue  # a spreadsheet of only their rows
        lines = tuple(_say(s, who) for s in document.lines)
        content = None if content is None else _names(content, who)
        documents.append(Document(_say(document.filename, who), lines, content))
    html = tuple(
        _names(
            digests.unquote_digest(prompts, h, who.names, who.words, who.removed, who.texts), who
        )
        for h in reply.html
    )
    if not reply.parts and not any(h.strip() for h in html) and not documents:
        return None
    parts = tuple(_say(s, who) for s in reply.parts)
    # A picture drawn from words of theirs (a round-up's card) cannot be rewritten: it goes.
    photo = reply.photo if parts == reply.parts else None
    return replace(
        reply,
        parts=parts,
        photo=photo,
        buttons=tuple(Button(_say(b.label, who), b.data, b.beside) for b in reply.buttons),
        html=html,
        documents=tuple(documents),
    )


def _about(say: Say, who: Forgotten) -> bool:
    return say.key in _ALERTS_ABOUT_SOMEONE and say.params.get("person") in who.names


def _say(say: Say, who: Forgotten) -> Say:
    params = {
        name: (who.removed if _theirs(value, who) else _names(value, who))
        if isinstance(value, str)
        else value
        for name, value in say.params.items()
    }
    return Say(say.key, params)


def _theirs(value: str, who: Forgotten) -> bool:
    """Their words, whole or cut short with "..." (a round-up's quote, bot.roundup)."""
    if value in who.texts:
        return True
    start = value.removesuffix("...")
    said = (" ".join(t.split()) for t in who.texts)  # the round-up quotes with spaces tidied
    return any(t == start or (start != value and t.startswith(start)) for t in said)


def _names(text: str, who: Forgotten) -> str:
    return who.pattern.sub(who.person, text)


def _unquote_raw(message: str, who: Forgotten) -> str:
    for text in sorted(who.texts, key=len, reverse=True):
        message = message.replace(_in_json(text), _in_json(who.removed))
    return who.pattern.sub(who.person, message)


def _in_json(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)[1:-1]
