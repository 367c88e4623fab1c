"""The schema (DESIGN section 4), one module per group of tables. The migrations must match it,
and a test checks they do. Import from here: `from storage.models import Comment`."""

from storage.models.base import NAMING_CONVENTION, Base, string_enum, utcnow
from storage.models.care import EarlySign, FlagFollowUp, FlagMessage
from storage.models.comments import (
    Comment,
    GroupSession,
    Response,
    heard_well,
    is_collective,
    is_flagged,
    is_suggestion,
    quoted_words,
    themes_as_read,
)
from storage.models.enums import (
    Agreement,
    Channel,
    Delivery,
    Heard,
    Kind,
    Level,
    OutboxStatus,
    Outcome,
    Reading,
    Role,
    Source,
)
from storage.models.failures import DeadLetter
from storage.models.outgoing import Digest, Outbox, Roundup
from storage.models.people import Dialogue, Invite, Membership, Person, RetiredPseudonym
from storage.models.projects import Partner, Project
from storage.models.questions import ProgrammeQuestion, QuestionAsked
from storage.models.tallies import WeeklyTally
from storage.models.web import WebSignIn

__all__ = [
    "NAMING_CONVENTION",
    "Agreement",
    "Base",
    "Channel",
    "Comment",
    "DeadLetter",
    "Delivery",
    "Dialogue",
    "Digest",
    "EarlySign",
    "FlagFollowUp",
    "FlagMessage",
    "GroupSession",
    "Heard",
    "Invite",
    "Kind",
    "Level",
    "Membership",
    "Outbox",
    "OutboxStatus",
    "Outcome",
    "Partner",
    "Person",
    "ProgrammeQuestion",
    "Project",
    "QuestionAsked",
    "Reading",
    "Response",
    "RetiredPseudonym",
    "Role",
    "Roundup",
    "Source",
    "WebSignIn",
    "WeeklyTally",
    "heard_well",
    "is_collective",
    "is_flagged",
    "is_suggestion",
    "quoted_words",
    "string_enum",
    "themes_as_read",
    "utcnow",
]
