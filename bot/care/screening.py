"""Safeguarding after a message was handled: a volunteer's note, an edit, a stranger's words,
or a message sent while writing something for the team (a participant's own message that
sounds like danger is answered before anything else, bot.care.help).

A kept message is flagged: it is left out of digest quotes and spreadsheets until a staff
member has looked at it (/flagged); a volunteer's note of a worry about someone is never quoted.
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy.ext.asyncio import AsyncSession

from bot.care.alerts import alert_staff
from bot.care.help import concerns as read_concerns
from bot.care.help import help_reply, relayed_reply
from bot.core import Deps, Handled, Incoming, Kept, Reply
from bot.language import Concern
from storage.models import Project
from storage.repositories import flags
from storage.repositories import people as people_repo


async def screen(
    session: AsyncSession,
    deps: Deps,
    incoming: Incoming,
    handled: Handled,
    person_id: int | None,
    *,
    edit: bool = False,
    concerns: list[Concern] | None = None,
) -> Reply | None:
    """Send help first, on its own, if the message sounds like danger; flag it, alert staff.

    What handling the message kept, who sent it (None: a stranger), and what the screening
    already read (`concerns`) are handed on, so nothing is read again.
    An `edit` is new words to look at, even in a message flagged and looked at before: it goes
    back among those waiting (/flagged, and out of the digest), with an alert of its own.
    """
    reply, kept = handled.reply, handled.kept
    found = read_concerns(deps, incoming) if concerns is None else concerns
    if not found:
        return reply
    project = await _project_of(session, kept, person_id)
    if kept is not None and (edit or not kept.flagged):
        await flags.flag(session, kept.id, found[0].topic, again=edit)
        if project is not None:
            key = (
                f"alert:{kept.id}:edit:{deps.now().timestamp():.3f}" if edit else f"alert:{kept.id}"
            )
            await alert_staff(session, deps, kept, project, found[0], key)
    if kept is not None and kept.group_session_id is not None:
        return replace(relayed_reply(project), then=reply)  # a worry about someone else
    if not deps.throttle.first_help(incoming.telegram_id, found[0].topic, deps.now()):
        return reply  # a burst of worrying messages gets one help reply (each is flagged)
    flag = kept.id if kept is not None and kept.person_id is not None else None
    return replace(help_reply(found[0].topic, project, flag), then=reply)


async def _project_of(
    session: AsyncSession, kept: Kept | None, person_id: int | None
) -> Project | None:
    """The kept comment's project, else the sender's first (a comment still waiting for them
    to say which project, a message that was not kept, or one sent again)."""
    if kept is not None and kept.project is not None:
        return kept.project
    if kept is not None and kept.project_id is not None:
        return await session.get(Project, kept.project_id)
    if person_id is None:
        return None
    found = [m.project for m in await people_repo.memberships(session, person_id) if m.project]
    return found[0] if found else None
