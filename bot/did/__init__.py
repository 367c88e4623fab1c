"""What the team heard and did, in a minute (/did): staff note where or with whom, what people
said and what the team did or will do, kept as a group comment with its reply: one more "you
said, we did" in the digest and /report, with nobody named and nobody told."""

from bot.did.asking import start, typed
from bot.did.saving import save
from bot.did.tapping import cancel, change, change_part, pick_outcome, pick_place, pick_project

__all__ = [
    "cancel",
    "change",
    "change_part",
    "pick_outcome",
    "pick_place",
    "pick_project",
    "save",
    "start",
    "typed",
]
