"""Everything a member says after joining: answers, comments, voice notes, edits."""

from bot.conversation.messages import edited, pick_project, receive, skip_question

__all__ = ["edited", "pick_project", "receive", "skip_question"]
