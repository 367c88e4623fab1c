"""Where someone is in a conversation: the dialogue steps, and the stages inside a few of them.

The values are what the `dialogues` table's JSON stores under "step" and "stage": renaming a
member is fine, changing a value would strand everyone mid-conversation.
"""

from __future__ import annotations

from enum import StrEnum


class Step(StrEnum):
    CHOOSE_PROJECT = "choose_project"  # a comment from a member of several projects waits
    QUESTIONS = "questions"  # a project's questions, one at a time
    COLLECTIVE = "collective"  # a programme question put to a participant
    CHECKIN = "checkin"  # their next message may answer a check-in
    NOTE = "note"  # a volunteer noting what a group said
    REPLY = "reply"  # staff answering suggestions (/replies)
    REVIEW_NOTE = "review_note"  # staff writing a note on a message they looked at
    REPORT_DATES = "report_dates"  # staff typing the dates for /report
    ASK = "ask"  # the programme team writing a question for every group
    CONFIRM_FORGET = "confirm_forget"  # /forget asked "are you sure?"
    CONFIRM_STOP = "confirm_stop"  # "stop" in plain words asked "do you want me to stop?"
    CORRECT_VOICE = "correct_voice"  # "Not quite": what they type next is what they said
    WRITE_TO_PERSON = "write_to_person"  # staff writing to someone about a flagged message
    TALK = "talk"  # the team wrote to them: their replies go back
    EMAIL_ADDRESS = "email_address"  # /settings: what a team member types is their address
    DID = "did"  # staff noting what the team heard and did (/did)


class NoteStage(StrEnum):
    """A volunteer's note: which project, where, when (a button, or a typed date), how many."""

    PROJECT = "project"
    WHERE = "where"
    WHEN = "when"
    DATE = "date"
    COUNT = "count"
    COMMENTS = "comments"  # the session is open: each message is a note


class ReplyStage(StrEnum):
    """/replies: tick suggestions (or pick a reply to update), what happened, words, confirm."""

    PICK = "pick"
    UPDATE = "update"
    OUTCOME = "outcome"
    REASON = "reason"
    TEXT = "text"
    CONFIRM = "confirm"


class CheckinStage(StrEnum):
    ASKED = "asked"  # the check-in's question is waiting for an answer
    MORE = "more"  # they tapped a mood and were asked if there is anything more


class DidStage(StrEnum):
    """/did: which project, where or with whom, what people said, what happened and what the
    team did, then the read-back (and, from it, which answer to change)."""

    PROJECT = "project"
    WHERE = "where"
    SAID = "said"
    OUTCOME = "outcome"
    DID = "did"
    CONFIRM = "confirm"
    CHANGE = "change"
