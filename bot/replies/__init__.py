"""You said, we did: staff answer suggestions and the people who made them are told."""

from bot.replies.answering import STEP, is_answering, pressed, show, typed

__all__ = ["STEP", "is_answering", "pressed", "show", "typed"]
