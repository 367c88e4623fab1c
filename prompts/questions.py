"""Question sets: the questions a project asks after someone says yes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from prompts.yamlfile import PromptError, compose, expect_list, expect_mapping, expect_text, line_of

KINDS = ("liked", "change", "idea", "other")
_KEY_RE = re.compile(r"^[a-z][a-z0-9_]{0,31}$")


@dataclass(frozen=True, slots=True)
class Question:
    key: str
    kind: str
    text: str


@dataclass(frozen=True, slots=True)
class QuestionSet:
    name: str
    questions: tuple[Question, ...]

    def __len__(self) -> int:
        return len(self.questions)


def load_question_set(path: Path) -> QuestionSet:
    top = dict(expect_mapping(path, compose(path), "the file"))
    if "questions" not in top:
        raise PromptError(path, 1, "there is no `questions:` list")
    items = expect_list(path, top["questions"], "questions")
    if not items:
        raise PromptError(path, line_of(top["questions"]), "the question list is empty")
    questions: list[Question] = []
    for item in items:
        fields = dict(expect_mapping(path, item, "each question"))
        for field in ("key", "kind", "text"):
            if field not in fields:
                raise PromptError(path, line_of(item), f"this question has no `{field}:`")
        unknown = set(fields) - {"key", "kind", "text"}
        if unknown:
            raise PromptError(path, line_of(item), f"unknown field {sorted(unknown)[0]!r}")
        key = expect_text(path, fields["key"], "key")
        kind = expect_text(path, fields["kind"], "kind")
        if not _KEY_RE.match(key):
            raise PromptError(
                path,
                line_of(fields["key"]),
                f"key {key!r} should be short lower-case words_like_this",
            )
        if kind not in KINDS:
            raise PromptError(
                path, line_of(fields["kind"]), f"kind {kind!r} should be one of {', '.join(KINDS)}"
            )
        if any(q.key == key for q in questions):
            raise PromptError(path, line_of(fields["key"]), f"key {key!r} is used twice")
        questions.append(Question(key, kind, expect_text(path, fields["text"], "text").strip()))
    return QuestionSet(path.stem, tuple(questions))
