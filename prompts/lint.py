"""The plain-words lint (DESIGN section 5): no jargon, short sentences, easy reading, valid HTML
(screens short enough to read at once: prompts/screen_check.py).

Run as `natter check-prompts` and as a test over every shipped prompt file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import pyphen

from prompts.catalogue import PROMPTS_DIR, PromptText
from prompts.yamlfile import PromptError, compose, expect_list, expect_word, line_of

MAX_SENTENCE_WORDS = 20
MIN_READING_EASE = 65.0
# Reading ease swings wildly on a few words, so only judge texts at least this long.
READING_EASE_MIN_WORDS = 12
ALLOWED_TAGS = frozenset({"b", "i", "u", "s", "code", "a"})
JARGON_FILE = PROMPTS_DIR / "jargon.yaml"

_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
TAG = re.compile(r"<[^>]+>")
_SENTENCE_END = re.compile(r"[.!?]+(?:\s|$)|\n+")
WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*|\d+")  # \u2019: a curly apostrophe


@dataclass(frozen=True, slots=True)
class Problem:
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass(frozen=True, slots=True)
class Jargon:
    """Words participants and volunteers must never see (prompts/jargon.yaml)."""

    patterns: tuple[tuple[str, re.Pattern[str]], ...]

    def found_in(self, text: str) -> list[str]:
        return [term for term, pattern in self.patterns if pattern.search(text)]


def load_jargon(path: Path = JARGON_FILE) -> Jargon:
    """Read and check the list; a problem raises PromptError naming the file and line."""
    patterns = []
    for item in expect_list(path, compose(path), "the file"):
        term = expect_word(path, item, "each word").strip()
        # "co-production" also catches "co production" and "coproduction".
        parts = [re.escape(part) for part in re.split(r"[-\s]+", term) if part]
        if not parts:
            raise PromptError(path, line_of(item), f"{term!r} has no letters in it")
        patterns.append((term, re.compile(r"\b" + r"[-\s]*".join(parts) + r"\b", re.IGNORECASE)))
    return Jargon(tuple(patterns))


def plain(text: str) -> str:
    return _PLACEHOLDER.sub("Ann", TAG.sub("", text))


def sentences(text: str) -> list[list[str]]:
    found = [WORD.findall(chunk) for chunk in _SENTENCE_END.split(plain(text))]
    return [words for words in found if words]


@cache
def _hyphenator() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="en_GB")


def syllables(word: str) -> int:
    return max(1, len(_hyphenator().positions(word.lower())) + 1)


def reading_ease(text: str) -> float:
    """Flesch reading ease: 60+ is plain English, 80+ is easy."""
    found = sentences(text)
    words = [w for sentence in found for w in sentence]
    if not words:
        return 100.0
    total_syllables = sum(syllables(w) for w in words)
    return 206.835 - 1.015 * (len(words) / len(found)) - 84.6 * (total_syllables / len(words))


class _TagChecker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.errors.append(f"the tag <{tag}> is not one Telegram allows here")
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.errors.append(f"</{tag}> closes a tag that is not open")


def html_problems(text: str) -> list[str]:
    checker = _TagChecker()
    checker.feed(text)
    checker.close()
    if checker.stack:
        checker.errors.append(f"<{checker.stack[-1]}> is never closed")
    if re.search(r"&(?!(lt|gt|amp|quot);)", text):
        checker.errors.append("a bare & must be written &amp;")
    return checker.errors


def check_text(where: str, text: str, jargon: Jargon) -> list[Problem]:
    problems = [
        Problem(where, f"uses the word {term!r}: say it in plain words")
        for term in jargon.found_in(text)
    ]
    for words in sentences(text):
        if len(words) > MAX_SENTENCE_WORDS:
            start = " ".join(words[:6])
            problems.append(
                Problem(
                    where,
                    f"the sentence starting {start!r} has {len(words)} words "
                    f"(keep it to {MAX_SENTENCE_WORDS})",
                )
            )
    word_count = sum(len(words) for words in sentences(text))
    if word_count >= READING_EASE_MIN_WORDS:
        score = reading_ease(text)
        if score < MIN_READING_EASE:
            problems.append(
                Problem(
                    where,
                    f"is hard to read (reading ease {score:.0f}, needs "
                    f"{MIN_READING_EASE:.0f}): use shorter words and sentences",
                )
            )
    problems.extend(Problem(where, message) for message in html_problems(text))
    return problems


def check_prompts(texts: Iterable[PromptText], jargon: Jargon) -> list[Problem]:
    problems: list[Problem] = []
    for prompt in texts:
        where = (
            f"{prompt.path}:{prompt.line}: {prompt.key}"
            if prompt.line
            else f"{prompt.path}: {prompt.key}"
        )
        problems.extend(check_text(where, prompt.text, jargon))
    return problems
