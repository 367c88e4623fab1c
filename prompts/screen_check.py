"""The screen lint: each screen a person reads at once within its words, and every join of
prompts the code makes registered as a screen (prompts/screens.py, prompts/joins.py)."""

from __future__ import annotations

import html
from collections.abc import Iterable

from prompts.catalogue import DEFAULT_LANGUAGE, Prompts, question_key
from prompts.joins import Join
from prompts.lint import TAG, WORD, Problem, plain
from prompts.screens import MAX_SCREEN_WORDS, Screen, fits_phone, phone_lines

SAMPLE = "Ann"  # a value a screen does not give, counted as one word


def word_count(text: str) -> int:
    """Words as a person reads them: no tags, entities as the character they show."""
    return len(WORD.findall(html.unescape(TAG.sub("", text))))


def screen_text(prompts: Prompts, screen: Screen, fill: dict[str, str] | None = None) -> str:
    """The screen's Telegram HTML, its parts joined as a reply joins them."""
    values = {**screen.fill, **(fill or {})}
    catalogue = prompts.messages[DEFAULT_LANGUAGE]
    parts: list[str] = []
    for key in screen.keys:
        names = catalogue[key].placeholders if key in catalogue else set()
        text = prompts.text(key, **{name: values.get(name, SAMPLE) for name in names})
        parts += [text] * screen.repeat.get(key, 1)
    return "\n\n".join(parts)


def check_screens(prompts: Prompts) -> list[Problem]:
    """Each registered screen, and each prompt on its own, within its words (and a first
    screen whole on a small phone)."""
    catalogue = prompts.messages[DEFAULT_LANGUAGE]
    problems: list[Problem] = []
    alone: dict[str, Screen] = {}
    for screen in prompts.screens:
        where = f"{screen.path}:{screen.line}: screen {screen.name}"
        missing = [k for k in screen.keys if k not in catalogue and not _is_question(prompts, k)]
        if missing:
            problems.append(Problem(where, f"names prompts that do not exist: {missing}"))
            continue
        if len(screen.keys) == 1:
            alone[screen.keys[0]] = screen
        text = screen_text(prompts, screen)
        words = word_count(text)
        if screen.counted and words > screen.limit:
            problems.append(Problem(where, f"has {words} words (keep it to {screen.limit})"))
        if screen.whole and not fits_phone(text, screen.buttons):
            lines = phone_lines(text, screen.buttons)
            problems.append(Problem(where, f"takes {lines} lines: it must fit a small phone"))
    for prompt in catalogue.values():
        words = word_count(plain(prompt.text))
        if prompt.key not in alone and words > MAX_SCREEN_WORDS:
            problems.append(
                Problem(
                    f"{prompt.path}:{prompt.line}: {prompt.key}",
                    f"has {words} words (keep it to {MAX_SCREEN_WORDS})",
                )
            )
    return problems


def _is_question(prompts: Prompts, key: str) -> bool:
    return any(
        key == question_key(name, q.key)
        for name, qset in prompts.question_sets.items()
        for q in qset.questions
    )


def check_joins(joins: Iterable[Join], screens: Iterable[Screen]) -> list[Problem]:
    """Every join the code makes is a registered screen (so its words are counted)."""
    registered = [screen.keys for screen in screens]
    return [
        Problem(
            str(join.path),
            f"line {join.line} joins {join} into one message, "
            "but no screen in prompts/screens.yaml has them all",
        )
        for join in joins
        if not any(join.covered_by(keys) for keys in registered)
    ]
