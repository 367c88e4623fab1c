"""The person's answer to the help: "I'm safe, thank you", or "Please contact me" and then,
if they like, their number shared with Telegram's own button. Both are kept with the flag
(storage.models.care), never on the person; the number goes when the flag is looked at."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot.care.alerts import about_them
from bot.core import Deps, Reply, Say, people
from storage.models import Comment, Project
from storage.repositories import follow_ups

SAFE, CONTACT = "safe", "contact"
PHONE_CHARS = 32


async def _own_flag(session: AsyncSession, telegram_id: int, comment_id: int) -> Comment | None:
    """Their own flagged message (a button is a request, never a fact)."""
    person = await people.find(session, telegram_id)
    comment = await session.get(Comment, comment_id)
    if person is None or comment is None or not comment.flagged:
        return None
    return comment if comment.person_id == person.id else None


async def safe(
    session: AsyncSession, deps: Deps, telegram_id: int, comment_id: int
) -> Reply | None:
    comment = await _own_flag(session, telegram_id, comment_id)
    if comment is None:
        return None
    follow_up = await follow_ups.of(session, comment.id)
    follow_up.answer, follow_up.answered_at = SAFE, deps.now()
    deps.throttle.helped_answered(telegram_id)
    return Reply.of("care.safe_thanks")


async def contact_me(
    session: AsyncSession, deps: Deps, telegram_id: int, comment_id: int
) -> Reply | None:
    """Tell staff at once, and offer the share-my-number button."""
    comment = await _own_flag(session, telegram_id, comment_id)
    if comment is None:
        return None
    follow_up = await follow_ups.of(session, comment.id)
    follow_up.answer, follow_up.answered_at = CONTACT, deps.now()
    deps.throttle.helped_answered(telegram_id)
    await about_them(session, deps, comment, "care.alert_contact")
    project = await session.get(Project, comment.project_id) if comment.project_id else None
    share = Say("buttons.share_number")
    if project is None:
        return Reply((Say("care.contact_asked_no_team"),), share_contact=share)
    asked = Say("care.contact_asked", {"partner": project.partner.name})
    return Reply((asked,), share_contact=share)


async def number_shared(
    session: AsyncSession, deps: Deps, telegram_id: int, phone: str, owner: int | None
) -> Reply:
    """A number shared with the button: kept with their newest open flag on which they asked
    to be contacted, and told to its staff; anyone else's number is not kept."""
    person = await people.find(session, telegram_id)
    comment = await follow_ups.waiting_for_number(session, person.id) if person else None
    if comment is None:
        return Reply.of("comment.unsupported")  # a contact card, not asked for: nothing kept
    if owner != telegram_id:
        return Reply((Say("care.number_not_kept"),), remove_keyboard=True)
    follow_up = await follow_ups.of(session, comment.id)
    follow_up.phone = phone.strip()[:PHONE_CHARS]
    await about_them(session, deps, comment, "care.alert_number", phone=follow_up.phone)
    project = await session.get(Project, comment.project_id) if comment.project_id else None
    partner = project.partner.name if project else ""
    return Reply((Say("care.number_kept", {"partner": partner}),), remove_keyboard=True)
