"""Screens: the words a person reads at once, which may be several prompts joined.

prompts/screens.yaml registers every set of prompt keys the code joins into one message
(prompts.joins finds them), with the values to fill in. The lint counts each screen's words as
the person sees them: at most MAX_SCREEN_WORDS, or the screen's own limit with a reason.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from yaml.nodes import MappingNode, Node

from prompts.yamlfile import (
    PromptError,
    compose,
    expect_list,
    expect_mapping,
    expect_text,
    expect_word,
    line_of,
)

MAX_SCREEN_WORDS = 60
AUDIENCES = ("participant", "volunteer", "staff", "file")
# Staff read at a desk, often long lists, and a file is read at leisure: registered, not counted.
COUNTED = frozenset({"participant", "volunteer"})
# A small phone: a 4-inch screen (320 points wide) with Telegram's standard text size shows
# about 32 characters a line and 20 lines above the message box. An inline button row takes
# about 2 lines. A screen marked `whole: true` (someone's very first message) must fit.
PHONE_LINE_CHARACTERS = 32
PHONE_LINES = 20
BUTTON_LINES = 2
_TAG = re.compile(r"<[^>]+>")
_ENTITY = re.compile(r"&(lt|gt|amp|quot);")


@dataclass(frozen=True, slots=True)
class Screen:
    name: str
    audience: str
    keys: tuple[str, ...]
    fill: Mapping[str, str] = field(default_factory=dict)
    repeat: Mapping[str, int] = field(default_factory=dict)  # a list's line, shown n times
    buttons: int = 0  # rows of buttons under it
    whole: bool = False  # must fit a small phone with its buttons
    limit: int = MAX_SCREEN_WORDS
    reason: str = ""  # why this screen may be longer than MAX_SCREEN_WORDS
    path: Path = Path()
    line: int = 0

    @property
    def counted(self) -> bool:
        return self.audience in COUNTED


def phone_lines(text: str, buttons: int = 0) -> int:
    """Roughly how many lines of a small phone a message and its buttons take."""
    plain = _ENTITY.sub("x", _TAG.sub("", text))
    lines = 0
    for paragraph in plain.split("\n"):
        lines += _wrapped(paragraph)
    return lines + BUTTON_LINES * buttons


def _wrapped(paragraph: str) -> int:
    if not paragraph.strip():
        return 1
    lines, width = 1, 0
    for word in paragraph.split():
        wanted = len(word) if width == 0 else width + 1 + len(word)
        if wanted <= PHONE_LINE_CHARACTERS:
            width = wanted
        else:
            lines += 1 + (len(word) - 1) // PHONE_LINE_CHARACTERS
            width = len(word) % PHONE_LINE_CHARACTERS or PHONE_LINE_CHARACTERS
    return lines


def fits_phone(text: str, buttons: int) -> bool:
    return phone_lines(text, buttons) <= PHONE_LINES


def load_screens(path: Path) -> tuple[Screen, ...]:
    """Read and check the registry; a problem raises PromptError naming the file and line."""
    top = dict(expect_mapping(path, compose(path), "the file"))
    if "screens" not in top:
        raise PromptError(path, 1, "there is no `screens:` list")
    screens: list[Screen] = []
    names: set[str] = set()
    for item in expect_list(path, top["screens"], "screens"):
        screen = _screen(path, item)
        if screen.name in names:
            raise PromptError(path, screen.line, f"the screen {screen.name!r} appears twice")
        names.add(screen.name)
        screens.append(screen)
    return tuple(screens)


def _screen(path: Path, item: Node) -> Screen:
    fields = dict(expect_mapping(path, item, "each screen"))
    line = line_of(item)
    for needed in ("name", "for", "keys"):
        if needed not in fields:
            raise PromptError(path, line, f"a screen has no `{needed}:`")
    name = expect_word(path, fields["name"], "name")
    audience = expect_word(path, fields["for"], "for")
    if audience not in AUDIENCES:
        raise PromptError(path, line_of(fields["for"]), f"`for:` is one of {', '.join(AUDIENCES)}")
    keys = tuple(
        expect_word(path, k, "each key") for k in expect_list(path, fields["keys"], "keys")
    )
    limit, reason = MAX_SCREEN_WORDS, ""
    if "longer" in fields:
        longer = dict(expect_mapping(path, fields["longer"], "longer"))
        if set(longer) != {"words", "because"}:
            raise PromptError(path, line_of(fields["longer"]), "`longer:` needs words and because")
        limit = _number(path, longer["words"], "words")
        reason = expect_text(path, longer["because"], "because")
    return Screen(
        name, audience, keys,
        fill=_texts(path, fields.get("fill")),
        repeat=_counts(path, fields.get("repeat")),
        buttons=_number(path, fields["buttons"], "buttons") if "buttons" in fields else 0,
        whole=expect_text(path, fields["whole"], "whole") == "true" if "whole" in fields else False,
        limit=limit, reason=reason, path=path, line=line,
    )  # fmt: skip


def _texts(path: Path, node: Node | None) -> dict[str, str]:
    if node is None:
        return {}
    if not isinstance(node, MappingNode):
        raise PromptError(path, line_of(node), "should be a list of `name: value` lines")
    return {k: expect_text(path, v, k) for k, v in expect_mapping(path, node, "the values")}


def _counts(path: Path, node: Node | None) -> dict[str, int]:
    if node is None:
        return {}
    return {k: _number(path, v, k) for k, v in expect_mapping(path, node, "repeat")}


def _number(path: Path, node: Node, what: str) -> int:
    text = expect_text(path, node, what)
    if not text.isdigit():
        raise PromptError(path, line_of(node), f"{what} should be a whole number")
    return int(text)
