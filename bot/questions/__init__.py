"""Questions: a project's, one at a time with Skip, and the programme's (collective) ones."""

from bot.questions.asking import STEP, answer, begin, is_asking, skip
from bot.questions.collective import (
    ANSWER_STEP,
    ASK_STEP,
    ask_start,
    ask_typed,
    is_answering,
    maybe_ask,
    put_question_by_id,
    question_key,
    then_ask,
)
from bot.questions.collective import answer as answer_programme
from bot.questions.collective import skip as skip_programme

__all__ = [
    "ANSWER_STEP",
    "ASK_STEP",
    "STEP",
    "answer",
    "answer_programme",
    "ask_start",
    "ask_typed",
    "begin",
    "is_answering",
    "is_asking",
    "maybe_ask",
    "put_question_by_id",
    "question_key",
    "skip",
    "skip_programme",
    "then_ask",
]
