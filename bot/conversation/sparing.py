"""One answer for a flood: past about 20 messages a minute from one person (or more than one a
minute from a stranger), every message is still stored and screened, but answered once."""

from __future__ import annotations

from bot import joining
from bot.core import Answer, Deps, Incoming, Reply


def spare(
    deps: Deps, incoming: Incoming, reply: Reply | None, *, member: bool, welcomed: bool
) -> Reply | None:
    """The reply, or one for them all, or none (help is never held back, nor is joining)."""
    answer = deps.throttle.answer(incoming.telegram_id, deps.now(), member=member)
    # A join word is counted by WordTries instead; a typed "yes" answers the welcome.
    joins = not member and (welcomed or joining.looks_like(incoming.text))
    if reply is None or reply.urgent or joins or answer is Answer.AS_USUAL:
        return reply
    return Reply.of("comment.got_them_all") if answer is Answer.ONCE_FOR_ALL else None
