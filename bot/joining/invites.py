"""Invite codes: unguessable, deep-link safe, expiring, limited and revocable."""

from __future__ import annotations

import enum
import re
import secrets
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.joining import words
from storage.models import Invite, Project, Role
from storage.repositories import invites

# Telegram's deep-link payload: at most 64 characters of A-Za-z0-9_-.
CODE_RE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
# 18 random bytes -> 24 characters: 144 bits, and short enough to fit in button data.
CODE_BYTES = 18

# (uses, days before it expires); None means no limit.
DEFAULT_LIMITS: dict[Role, tuple[int | None, int | None]] = {
    Role.PARTICIPANT: (None, None),
    Role.VOLUNTEER: (1, 7),
    Role.STAFF: (1, 7),
    Role.PROGRAMME: (1, 7),
}


class InviteProblem(enum.StrEnum):
    UNKNOWN = "unknown"
    REVOKED = "revoked"
    EXPIRED = "expired"
    USED_UP = "used up"


def new_code() -> str:
    # Never starting with "-": an operator pastes it into `natter invite revoke CODE`, where a
    # leading dash reads as an option (it made a CLI test fail 1 run in 64).
    while (code := secrets.token_urlsafe(CODE_BYTES)).startswith("-"):
        pass
    return code


def link(bot_username: str, code: str) -> str:
    return f"https://t.me/{bot_username.lstrip('@')}?start={code}"


def problem_with(invite: Invite | None, now: datetime) -> InviteProblem | None:
    if invite is None:
        return InviteProblem.UNKNOWN
    if invite.revoked_at is not None:
        return InviteProblem.REVOKED
    if invite.expires_at is not None and invite.expires_at <= now:
        return InviteProblem.EXPIRED
    if invite.uses_left is not None and invite.uses_left <= 0:
        return InviteProblem.USED_UP
    return None


async def find_usable(session: AsyncSession, code: str | None, now: datetime) -> Invite | None:
    """The invite behind a code, or None if the code is malformed, unknown or no longer usable."""
    if not code or not CODE_RE.match(code):
        return None
    invite = await invites.invite_by_code(session, code)
    return invite if problem_with(invite, now) is None else None


async def create(
    session: AsyncSession,
    *,
    role: Role,
    project_id: int | None,
    uses: int | None,
    expires_days: int | None,
    now: datetime,
) -> Invite:
    default_uses, default_days = DEFAULT_LIMITS[role]
    uses = default_uses if uses is None else uses
    days = default_days if expires_days is None else expires_days
    return await invites.add_invite(
        session,
        code=new_code(),
        role=role,
        project_id=project_id,
        uses_left=uses,
        expires_at=now + timedelta(days=days) if days else None,
        now=now,
    )


async def give_word(session: AsyncSession, project: Project, now: datetime) -> str:
    """A new join word for `project` (the old one, if any, stops working): a participant
    invite with no limit and no expiry, found by its word."""
    # Chosen while the old word still counts as taken, so a change never draws it again.
    word = await words.new_word(project.name, lambda w: invites.word_taken(session, w))
    await invites.retire_word(session, project.id, now)
    await invites.add_invite(
        session, code=new_code(), role=Role.PARTICIPANT, project_id=project.id,
        uses_left=None, expires_at=None, now=now, word=word,
    )  # fmt: skip
    return word


def qr_png(url: str) -> bytes:
    """A QR code of `url`, big enough to print on a flyer."""
    import io

    import segno

    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="png", scale=10, border=4)
    return out.getvalue()
