"""The machine-readable Bot API spec: finding it, decoding parameters, checking values."""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .html_entities import utf16_len
from .state import UploadedFile

SPEC_ENV = "TELEGRAM_API_SPEC"
SPEC_FILE = "api-10.0.json"

_LENGTH = re.compile(r"(\d+)-(\d+) (characters|bytes)")
_CONSTANT = re.compile(r'(?:must be|always) "?([a-z_]+)"?$')
_DISCRIMINATORS = frozenset({"type", "source", "status"})

# Telegram's own wording for a few limits the spec states only in prose; others get a generic one.
_LIMIT_ERRORS = {
    ("InlineKeyboardButton", "callback_data"): "Bad Request: BUTTON_DATA_INVALID",
    ("BotCommand", "command"): "Bad Request: BOT_COMMAND_INVALID",
    ("BotCommand", "description"): "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID",
    ("answerCallbackQuery", "text"): "Bad Request: MESSAGE_TOO_LONG",
}
_MISSING_ERRORS = {
    "text": "Bad Request: message text is empty",
    "chat_id": "Bad Request: chat_id is empty",
}
_SCALARS: dict[str, tuple[type, ...]] = {
    "Integer": (int,),
    "Float": (int, float),
    "Boolean": (bool,),
    "String": (str,),
    "InputFile": (UploadedFile,),
}


def default_spec_path() -> Path:
    """$TELEGRAM_API_SPEC, else <repo>/../shared/telegram-bot-api/api-10.0.json."""
    from_env = os.environ.get(SPEC_ENV)
    if from_env:
        return Path(from_env)
    repo_root = Path(__file__).resolve().parents[2]
    return repo_root.parent / "shared" / "telegram-bot-api" / SPEC_FILE


@dataclass(frozen=True)
class FieldSpec:
    name: str
    types: tuple[str, ...]
    required: bool
    description: str


class SpecError(Exception):
    """A value that does not fit the spec; ``description`` is the Bot API error description."""

    def __init__(self, path: str, description: str, affinity: int = 0) -> None:
        super().__init__(description)
        self.path = path
        self.description = description
        # How many keys of the offending object the tried type knew: picks the best union error.
        self.affinity = affinity

    @property
    def depth(self) -> int:
        return self.path.count(".") + self.path.count("[")


def _fields(raw: list[dict[str, Any]] | None) -> dict[str, FieldSpec]:
    return {
        f["name"]: FieldSpec(f["name"], tuple(f["types"]), bool(f["required"]), f["description"])
        for f in raw or []
    }


def _is_scalar(value: Any, type_name: str) -> bool:
    expected = _SCALARS[type_name]
    if isinstance(value, bool):
        return bool in expected  # bool is an int subclass but never an Integer in JSON
    return isinstance(value, expected)


class Spec:
    def __init__(self, data: dict[str, Any]) -> None:
        self.version: str = str(data.get("version", "?"))
        self.methods = {name: _fields(m.get("fields")) for name, m in data["methods"].items()}
        self.returns = {name: tuple(m.get("returns", ())) for name, m in data["methods"].items()}
        self.type_fields = {name: _fields(t.get("fields")) for name, t in data["types"].items()}
        self.subtypes = {
            name: tuple(t["subtypes"]) for name, t in data["types"].items() if t.get("subtypes")
        }
        # Telegram matches method names case-insensitively.
        self._by_lower = {name.lower(): name for name in self.methods}

    @classmethod
    def load(cls, path: Path | None = None) -> Spec | None:
        """The spec at ``path`` (default: default_spec_path()), or None if there is no file."""
        path = path or default_spec_path()
        if not path.is_file():
            return None
        return cls(json.loads(path.read_text(encoding="utf-8")))

    def canonical_method(self, name: str) -> str | None:
        return self._by_lower.get(name.lower())

    def decode(self, method: str, name: str, raw: str) -> Any:
        """Decode a form/query value: JSON unless the field is a plain String."""
        spec = self.methods.get(method, {}).get(name)
        if spec is not None and spec.types == ("String",):
            return raw
        try:
            value = json.loads(raw)
        except ValueError:
            return raw
        if spec is None or "String" not in spec.types:
            return value
        # "123" for a String-or-something field must stay the string it was sent as.
        return value if self.check_value(value, spec.types, name) is None else raw

    def check_params(self, method: str, params: dict[str, Any]) -> None:
        """Raise SpecError for unknown, missing or ill-typed parameters."""
        fields = self.methods[method]
        for name in params:
            if name not in fields:
                raise SpecError(name, f"Bad Request: unknown parameter {name}")
        for spec in fields.values():
            if spec.required and spec.name not in params:
                message = _MISSING_ERRORS.get(spec.name, f"Bad Request: {spec.name} is required")
                raise SpecError(spec.name, message)
        for name, value in params.items():
            error = self._check_field(method, fields[name], value, name)
            if error is not None:
                raise error

    def check_value(self, value: Any, types: tuple[str, ...], path: str) -> SpecError | None:
        """None if ``value`` fits one of ``types``, else the most informative mismatch."""
        errors: list[SpecError] = []
        for type_name in types:
            error = self._check_type(value, type_name, path)
            if error is None:
                return None
            errors.append(error)
        best = max(errors, key=lambda e: (e.depth, e.affinity))
        if len(types) > 1 and best.path == path and best.affinity == 0:
            joined = " or ".join(types)
            return SpecError(path, f'Bad Request: field "{path}" must be of type {joined}')
        return best

    def _check_type(self, value: Any, type_name: str, path: str) -> SpecError | None:
        if type_name.startswith("Array of "):
            if not isinstance(value, list):
                return SpecError(path, f'Bad Request: field "{path}" must be of type {type_name}')
            inner = type_name.removeprefix("Array of ")
            for index, item in enumerate(value):
                error = self.check_value(item, (inner,), f"{path}[{index}]")
                if error is not None:
                    return error
            return None
        if type_name in _SCALARS:
            if _is_scalar(value, type_name):
                return None
            return SpecError(path, f'Bad Request: field "{path}" must be of type {type_name}')
        if type_name in self.subtypes:
            return self.check_value(value, self.subtypes[type_name], path)
        if type_name not in self.type_fields:
            return None  # a type the spec does not describe: nothing to check against
        if not isinstance(value, dict):
            return SpecError(path, f'Bad Request: field "{path}" must be of type {type_name}')
        return self._check_object(type_name, value, path)

    def _check_object(self, type_name: str, value: dict[str, Any], path: str) -> SpecError | None:
        fields = self.type_fields[type_name]
        affinity = sum(1 for key in value if key in fields)
        for key in value:
            if key not in fields:
                return SpecError(
                    f"{path}.{key}", f"Bad Request: unknown field {path}.{key}", affinity
                )
        for spec in fields.values():
            if spec.required and spec.name not in value:
                return SpecError(
                    f"{path}.{spec.name}",
                    f'Bad Request: field "{path}.{spec.name}" is required',
                    affinity,
                )
        for key, item in value.items():
            error = self._check_field(type_name, fields[key], item, f"{path}.{key}")
            if error is not None:
                error.affinity = max(error.affinity, affinity)
                return error
        return None

    def _check_field(self, owner: str, spec: FieldSpec, value: Any, path: str) -> SpecError | None:
        error = self.check_value(value, spec.types, path)
        if error is not None or not isinstance(value, str):
            return error
        description = spec.description
        if spec.required and spec.name in _DISCRIMINATORS:
            constant = _CONSTANT.search(description)
            if constant and value != constant.group(1):
                return SpecError(path, f'Bad Request: field "{path}" must be "{constant.group(1)}"')
        limit = _LENGTH.search(description)
        if limit and "after entities parsing" not in description:
            low, high, unit = int(limit.group(1)), int(limit.group(2)), limit.group(3)
            size = len(value.encode("utf-8")) if unit == "bytes" else utf16_len(value)
            if not low <= size <= high:
                message = _LIMIT_ERRORS.get(
                    (owner, spec.name),
                    f'Bad Request: field "{path}" must be {low}-{high} {unit} long',
                )
                return SpecError(path, message)
        return None
