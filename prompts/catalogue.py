"""The message catalogue: looks up a prompt by key and fills it in, escaping what people typed."""

from __future__ import annotations

import html
import string
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from yaml.nodes import MappingNode, Node

from prompts.questions import QuestionSet, load_question_set
from prompts.screens import Screen, load_screens
from prompts.yamlfile import PromptError, compose, expect_mapping, expect_text, line_of

PROMPTS_DIR = Path(__file__).parent
DEFAULT_LANGUAGE = "en"
# Keys "questions/<set>/<question key>" name a question's text in a question set.
QUESTION_PREFIX = "questions/"
SCREENS_FILE = "screens.yaml"


@dataclass(frozen=True, slots=True)
class PromptText:
    key: str
    text: str
    path: Path
    line: int

    @property
    def placeholders(self) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(self.text) if name}


@dataclass(slots=True)
class Prompts:
    messages: dict[str, dict[str, PromptText]]  # language -> key -> text
    question_sets: dict[str, QuestionSet]
    question_files: dict[str, Path] = field(default_factory=dict)
    screens: tuple[Screen, ...] = ()  # prompts joined into one message (prompts/screens.yaml)

    def text(self, key: str, language: str = DEFAULT_LANGUAGE, /, **params: object) -> str:
        """Telegram HTML for `key`; every parameter is escaped, so user text cannot add markup."""
        return self._fill(
            key, language, {k: html.escape(str(v), quote=False) for k, v in params.items()}
        )

    def plain(self, key: str, language: str = DEFAULT_LANGUAGE, /, **params: object) -> str:
        """Unescaped text, for places with no markup (button labels, file contents)."""
        return self._fill(key, language, {k: str(v) for k, v in params.items()})

    def screen(self, name: str) -> Screen:
        return next(s for s in self.screens if s.name == name)

    def question_set(self, name: str) -> QuestionSet:
        return self.question_sets[name]

    def all_texts(self) -> Iterator[PromptText]:
        for catalogue in self.messages.values():
            yield from catalogue.values()
        for name, qset in self.question_sets.items():
            path = self.question_files.get(name, PROMPTS_DIR / "questions" / f"{name}.yaml")
            for q in qset.questions:
                yield PromptText(question_key(name, q.key), q.text, path, 0)

    def _fill(self, key: str, language: str, params: Mapping[str, str]) -> str:
        if key.startswith(QUESTION_PREFIX):
            _, set_name, question_key = key.split("/", 2)
            qset = self.question_sets.get(set_name) or self.question_sets["default"]
            return next(q.text for q in qset.questions if q.key == question_key)
        catalogue = self.messages.get(language) or self.messages[DEFAULT_LANGUAGE]
        prompt = catalogue.get(key) or self.messages[DEFAULT_LANGUAGE][key]
        return prompt.text.format_map(params)


def question_key(set_name: str, key: str) -> str:
    return f"{QUESTION_PREFIX}{set_name}/{key}"


def _flatten(path: Path, node: Node, prefix: str, out: dict[str, PromptText]) -> None:
    for key, value in expect_mapping(path, node, prefix or "the file"):
        full = f"{prefix}.{key}" if prefix else key
        if isinstance(value, MappingNode):
            _flatten(path, value, full, out)
        else:
            text = expect_text(path, value, full)
            out[full] = PromptText(full, text, path, line_of(value))


def load_catalogue(path: Path) -> dict[str, PromptText]:
    out: dict[str, PromptText] = {}
    _flatten(path, compose(path), "", out)
    for prompt in out.values():
        try:
            prompt.text.format_map({name: "" for name in prompt.placeholders})
        except (ValueError, IndexError, KeyError) as err:
            raise PromptError(
                path, prompt.line, f"{prompt.key}: broken {{placeholder}} ({err})"
            ) from None
    return out


def load_prompts(root: Path = PROMPTS_DIR) -> Prompts:
    """Load and check every prompt file; a bad one raises PromptError (file, line, problem)."""
    messages: dict[str, dict[str, PromptText]] = {}
    for lang_dir in sorted(p for p in root.iterdir() if p.is_dir() and len(p.name) == 2):
        catalogue: dict[str, PromptText] = {}
        for path in sorted(lang_dir.glob("*.yaml")):
            for key, prompt in load_catalogue(path).items():
                if key in catalogue:
                    raise PromptError(
                        path, prompt.line, f"{key} is also in {catalogue[key].path.name}"
                    )
                catalogue[key] = prompt
        messages[lang_dir.name] = catalogue
    if DEFAULT_LANGUAGE not in messages:
        raise PromptError(root / DEFAULT_LANGUAGE, None, "there are no English prompts")
    sets: dict[str, QuestionSet] = {}
    files: dict[str, Path] = {}
    for path in sorted((root / "questions").glob("*.yaml")):
        qset = load_question_set(path)
        sets[qset.name] = qset
        files[qset.name] = path
    if "default" not in sets:
        raise PromptError(
            root / "questions" / "default.yaml", None, "the default question set is missing"
        )
    screens_file = root / SCREENS_FILE
    screens = load_screens(screens_file) if screens_file.exists() else ()
    return Prompts(messages, sets, files, screens)
