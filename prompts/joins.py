"""Finds, by reading the code, where several prompt keys are joined into one message.

A reply's parts are joined with a blank line into one Telegram message, so the words a person
reads at once are a screen, not one prompt. Every join found here must be registered in
prompts/screens.yaml, where the lint counts its words. The code is read, never run: a join is
any tuple or list holding more than one part (a `Say(...)`, a starred list of parts, or a
variable holding either), or one that grows with `.append` / `+=`.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

CODE_DIR = Path(__file__).resolve().parent.parent / "bot"
# Button labels, menus and pop-ups are words of their own, never joined to a message.
_APART = frozenset({"Button", "Document", "Photo"})
_APART_FIELDS = frozenset({"menu", "toast", "share_contact", "label", "filename", "caption"})


@dataclass(frozen=True, slots=True)
class Key:
    """A prompt key as the code names it: exact, or all keys starting `prefix` (an f-string);
    `alternatives` when a variable holds one of several keys."""

    alternatives: tuple[str, ...]
    prefix: bool = False

    def matches(self, key: str) -> bool:
        if self.prefix:
            return any(key.startswith(a) for a in self.alternatives)
        return key in self.alternatives

    def __str__(self) -> str:
        shown = "|".join(self.alternatives)
        return f"{shown}*" if self.prefix else shown


@dataclass(frozen=True, slots=True)
class Join:
    """Prompt keys the code joins into one message (those it can name; a join of parts made
    elsewhere names only its own)."""

    path: Path
    line: int
    keys: tuple[Key, ...]

    def covered_by(self, screen_keys: tuple[str, ...]) -> bool:
        return all(any(k.matches(s) for s in screen_keys) for k in self.keys)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: " + " + ".join(map(str, self.keys))


def find_joins(root: Path = CODE_DIR) -> list[Join]:
    found: list[Join] = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                found += _Function(path, node).joins()
    return found


def _call_name(node: ast.AST) -> str | None:
    if not isinstance(node, ast.Call):
        return None
    func = node.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)


class _Function:
    """One function: what its variables hold, and the collections of parts it builds."""

    def __init__(self, path: Path, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        self.path, self.node = path, node
        self.strings: dict[str, list[ast.expr]] = {}  # variable -> values assigned to it
        self.grown: dict[str, list[ast.expr]] = {}  # a list variable -> what was added to it
        for sub in ast.walk(node):
            if isinstance(sub, ast.Assign | ast.AnnAssign) and sub.value is not None:
                targets = sub.targets if isinstance(sub, ast.Assign) else [sub.target]
                for target in targets:
                    if isinstance(target, ast.Name):
                        self.strings.setdefault(target.id, []).append(sub.value)
            elif isinstance(sub, ast.AugAssign) and isinstance(sub.target, ast.Name):
                self.grown.setdefault(sub.target.id, []).append(sub.value)
            elif (
                _call_name(sub) in {"append", "extend"}
                and isinstance(sub, ast.Call)
                and isinstance(sub.func, ast.Attribute)
                and isinstance(sub.func.value, ast.Name)
                and sub.args
            ):
                added = sub.args[0]
                if sub.func.attr == "append":
                    added = ast.List([added])
                self.grown.setdefault(sub.func.value.id, []).append(added)

    def joins(self) -> Iterator[Join]:
        apart = {
            id(inner)
            for sub in ast.walk(self.node)
            if _call_name(sub) in _APART
            or (isinstance(sub, ast.keyword) and sub.arg in _APART_FIELDS)
            for inner in ast.walk(sub)
            if inner is not sub or isinstance(sub, ast.keyword)
        }
        seen: set[tuple[str, ...]] = set()
        for sub in ast.walk(self.node):
            if id(sub) in apart:
                continue
            if isinstance(sub, ast.Tuple | ast.List):
                elements, line = list(sub.elts), sub.lineno
            elif (
                isinstance(sub, ast.Name) and sub.id in self.grown and isinstance(sub.ctx, ast.Load)
            ):
                # A list that grows: what it started with and everything added to it.
                elements = [e for v in self.strings.get(sub.id, []) for e in self._items(v)]
                elements += [e for v in self.grown[sub.id] for e in self._items(v)]
                line = sub.lineno
            else:
                continue
            parts = [e for e in elements if self._is_part(e)]
            if len(parts) < 2 and not (parts and isinstance(sub, ast.Name)):
                continue
            keys = tuple(k for e in parts if (k := self._key(e)) is not None)
            name = tuple(sorted(map(str, keys)))
            if keys and name not in seen:
                seen.add(name)
                yield Join(self.path, line, keys)

    def _items(self, value: ast.expr) -> list[ast.expr]:
        return list(value.elts) if isinstance(value, ast.Tuple | ast.List) else [value]

    def _is_part(self, node: ast.expr) -> bool:
        if isinstance(node, ast.Starred):
            return self._is_part(node.value) or _is_parts_attribute(node.value)
        if _call_name(node) == "Say":
            return True
        if isinstance(node, ast.Name):
            return any(_call_name(v) == "Say" for v in self.strings.get(node.id, []))
        return False

    def _key(self, node: ast.expr) -> Key | None:
        if isinstance(node, ast.Name):
            said = [v for v in self.strings.get(node.id, []) if _call_name(v) == "Say"]
            return self._key(said[0]) if said else None
        if not isinstance(node, ast.Call) or not node.args:
            return None  # a starred list of parts made elsewhere
        return self._key_text(node.args[0])

    def _key_text(self, node: ast.expr) -> Key | None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return Key((node.value,))
        if isinstance(node, ast.JoinedStr) and node.values:
            head = node.values[0]
            if isinstance(head, ast.Constant) and isinstance(head.value, str):
                return Key((head.value,), prefix=True)
            return None
        if isinstance(node, ast.IfExp):
            both = [self._key_text(node.body), self._key_text(node.orelse)]
            if all(k is not None and not k.prefix for k in both):
                return Key(tuple(a for k in both if k for a in k.alternatives))
            return None
        if isinstance(node, ast.Name):
            values = self.strings.get(node.id, [])
            return self._key_text(values[0]) if len(values) == 1 else None
        return None


def _is_parts_attribute(node: ast.expr) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "parts"
