"""Questions: a project's, one at a time with Skip, and the programme's (collective) ones."""

from bot.questions.asking import answer, begin, skip
from bot.questions.collective import answer as answer_programme
from bot.questions.collective import (
    ask_start,
    ask_typed,
    maybe_ask,
    put_question_by_id,
    question_key,
    then_ask,
)
from bot.questions.collective import skip as skip_programme

__all__ = [
    "answer",
    "answer_programme",
    "ask_start",
    "ask_typed",
    "begin",
    "maybe_ask",
    "put_question_by_id",
    "question_key",
    "skip",
    "skip_programme",
    "then_ask",
]
