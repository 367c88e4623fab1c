"""YAML reading that reports problems with the file and line, for people editing prompts."""

from __future__ import annotations

from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode


class PromptError(Exception):
    """A prompt file is malformed: the message names the file, the line and the problem."""

    def __init__(self, path: Path, line: int | None, problem: str) -> None:
        where = f"{path}:{line}" if line is not None else str(path)
        super().__init__(f"{where}: {problem}")
        self.path, self.line, self.problem = path, line, problem


def compose(path: Path) -> Node:
    """Parse to nodes (not plain data) so later checks can point at a line."""
    try:
        node = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as err:
        line = err.problem_mark.line + 1 if err.problem_mark else None
        raise PromptError(path, line, f"not valid YAML ({err.problem})") from None
    except (OSError, UnicodeDecodeError) as err:
        raise PromptError(path, None, f"cannot be read ({err})") from None
    if node is None:
        raise PromptError(path, None, "the file is empty")
    return node


def line_of(node: Node) -> int:
    return node.start_mark.line + 1


def expect_mapping(path: Path, node: Node, what: str) -> list[tuple[str, Node]]:
    if not isinstance(node, MappingNode):
        raise PromptError(path, line_of(node), f"{what} should be a list of `key: value` lines")
    pairs: list[tuple[str, Node]] = []
    seen: set[str] = set()
    for key, value in node.value:
        # Keys like yes/no/on would become booleans in YAML 1.1; insist on plain words.
        if not isinstance(key, ScalarNode) or key.tag != "tag:yaml.org,2002:str":
            raise PromptError(
                path, line_of(key), f"the key {key.value!r} must be a plain word (put it in quotes)"
            )
        if key.value in seen:
            raise PromptError(path, line_of(key), f"the key {key.value!r} appears twice")
        seen.add(key.value)
        pairs.append((key.value, value))
    return pairs


def expect_text(path: Path, node: Node, what: str) -> str:
    if not isinstance(node, ScalarNode) or not str(node.value).strip():
        raise PromptError(path, line_of(node), f"{what} should be some text")
    return str(node.value)


def expect_word(path: Path, node: Node, what: str) -> str:
    """Text YAML reads as text: unquoted, no/yes/on/off are true or false, and 12 a number."""
    text = expect_text(path, node, what)
    if node.tag != "tag:yaml.org,2002:str":
        raise PromptError(path, line_of(node), f"{text!r} is not read as a word: put it in quotes")
    return text


def expect_list(path: Path, node: Node, what: str) -> list[Node]:
    if not isinstance(node, SequenceNode):
        raise PromptError(path, line_of(node), f"{what} should be a list (lines starting with -)")
    return list(node.value)
