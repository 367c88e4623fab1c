"""Buttons of the moments that matter most (bot.core.buttons.kinds holds the rest): a person's
answer to the help they were sent, staff writing back to them, voice notes heard, and where
the team's digests and alerts (help's alerts among them) go."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Heard = Literal["yes", "fix", "skip"]  # a voice note read back: right, not quite, skip
Sending = Literal["telegram", "email", "both"]  # where a team member's digests and alerts go


@dataclass(frozen=True, slots=True)
class VoiceHeard:
    comment_id: int  # the voice note read back to the person who spoke
    choice: Heard


@dataclass(frozen=True, slots=True)
class Listen:
    comment_id: int  # a voice note on staff's "please listen" list


@dataclass(frozen=True, slots=True)
class CareSafe:
    comment_id: int  # their flagged message: "I'm safe, thank you"


@dataclass(frozen=True, slots=True)
class CareContact:
    comment_id: int  # their flagged message: "Please contact me"


@dataclass(frozen=True, slots=True)
class CareWrite:
    comment_id: int  # staff writing to the person through Natter, about this flag


@dataclass(frozen=True, slots=True)
class CareEnd:
    comment_id: int  # the end of that conversation


@dataclass(frozen=True, slots=True)
class CareCalled:
    sign_id: int  # someone on the "worth a call" list, called


@dataclass(frozen=True, slots=True)
class SendTo:
    choice: Sending  # /settings: Telegram, email or both
