"""What a volunteer types while a group's note is still being set up (which day, how many) that
is plainly a note and not the step's answer ("the tea urn was broken again"): held with the
set-up and filed as the group's first notes once the note is open, never lost to "I couldn't
read that date". An answer it cannot read is still asked again, as before."""

from __future__ import annotations

import re
from dataclasses import replace

from bot.core import Incoming, NoteStage, dialogue

# The steps whose answer is a day or a number: the place's step takes any words as the place.
HOLDING = frozenset({NoteStage.WHEN, NoteStage.DATE, NoteStage.COUNT})
MAX_HELD = 10  # setting up is a minute's work: past this it is not notes, and the state stays small
MIN_WORDS = 4  # "not sure", "last week sometime": short words are a try at the answer
# Words of a day or a count: with any of them it is a try at the answer, asked again if unread.
# ("may", "sat", "sun" and "march" are left out: they are everyday words too.)
_ANSWER = re.compile(
    r"\d|\b(?:today|tonight|yesterday|morning|afternoon|evening|day|days|week|weeks|fortnight"
    r"|month|ago|last|date|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue"
    r"|tues|wed|weds|thu|thur|thurs|fri|january|february|april|june|july|august|september"
    r"|october|november|december|jan|feb|apr|jun|jul|aug|sept|oct|nov|dec|dozen|few|lots"
    r"|loads|many|handful|couple|roughly)\b"
)


def is_a_note(stage: NoteStage, text: str) -> bool:
    """Words typed at a day's or a count's step, and not read as its answer, that say something
    else: four words or more, with no day, date or count in them."""
    words = text.lower()
    return stage in HOLDING and len(words.split()) >= MIN_WORDS and not _ANSWER.search(words)


def holding(state: dialogue.Noting, incoming: Incoming) -> dialogue.Noting | None:
    """The set-up with this message held beside it as a note (as it was, if it is held
    already); None when it is not a note, or no more can be held: then it is asked again."""
    text = (incoming.text or "").strip()
    if not is_a_note(state.stage, text):
        return None
    if incoming.message_id in state.early_ids:
        return state  # delivered again
    if len(state.early) >= MAX_HELD:
        return None
    return replace(
        state,
        early=(*state.early, incoming.text or ""),
        early_ids=(*state.early_ids, incoming.message_id),
    )
