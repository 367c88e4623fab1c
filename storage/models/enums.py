"""The fixed choices the tables store, as plain strings (see `base.string_enum`)."""

from __future__ import annotations

import enum


class Role(enum.StrEnum):
    PARTICIPANT = "participant"
    VOLUNTEER = "volunteer"
    STAFF = "staff"
    PROGRAMME = "programme"


class Kind(enum.StrEnum):
    LIKED = "liked"
    CHANGE = "change"
    IDEA = "idea"
    MOOD = "mood"
    OTHER = "other"


class Reading(enum.StrEnum):
    """What a comment is, as bot.language.kinds reads it when it is stored."""

    SUGGESTION = "suggestion"  # or a complaint: something to change
    QUESTION = "question"  # for the partner, and it needs an answer
    PRAISE = "praise"
    REMARK = "remark"
    NOT_FEEDBACK = "not_feedback"  # thanks, "no, that's all": kept, never counted or quoted


class Level(enum.StrEnum):
    INDIVIDUAL = "individual"
    GROUP = "group"
    COLLECTIVE = "collective"


class Source(enum.StrEnum):
    PARTICIPANT = "participant"
    RELAYED = "relayed"


class Agreement(enum.StrEnum):
    """How many at a group agreed with something a volunteer noted."""

    ONE = "one"
    FEW = "few"
    MOST = "most"


class Outcome(enum.StrEnum):
    """What staff say happened about a suggestion."""

    CHANGED = "changed"
    LOOKING = "looking"
    CANNOT = "cannot"


class OutboxStatus(enum.StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"  # gave up after retries; the operator can see it
    UNREACHABLE = "unreachable"  # the person blocked the bot
    SKIPPED = "skipped"  # the person paused messages (/stop)


class Channel(enum.StrEnum):
    """What carries one outbox row."""

    TELEGRAM = "telegram"
    EMAIL = "email"


class Delivery(enum.StrEnum):
    """Where a staff or programme member wants digests and alerts to go."""

    TELEGRAM = "telegram"
    EMAIL = "email"
    BOTH = "both"

    @property
    def channels(self) -> tuple[Channel, ...]:
        if self is Delivery.BOTH:
            return (Channel.TELEGRAM, Channel.EMAIL)
        return (Channel(self.value),)


class Heard(enum.StrEnum):
    """A voice note's transcript: not yet answered, said right, typed again, or none came out."""

    UNCONFIRMED = "unconfirmed"
    CONFIRMED = "confirmed"
    CORRECTED = "corrected"
    FAILED = "failed"
