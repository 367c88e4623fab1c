"""Reading stored JSON strictly: a value of the wrong type raises, so a garbled dialogue state
reads as no step at all rather than as a half-right one."""

from __future__ import annotations

from collections.abc import Mapping

Json = Mapping[str, object]


def int_at(data: Json, key: str) -> int:
    value = data[key]
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(key)
    return value


def optional_int_at(data: Json, key: str) -> int | None:
    return None if data.get(key) is None else int_at(data, key)


def str_at(data: Json, key: str) -> str:
    value = data[key]
    if not isinstance(value, str):
        raise TypeError(key)
    return value


def optional_str_at(data: Json, key: str) -> str | None:
    return None if data.get(key) is None else str_at(data, key)


def flag_at(data: Json, key: str) -> bool:
    value = data.get(key, False)
    if not isinstance(value, bool):
        raise TypeError(key)
    return value


def ints_at(data: Json, key: str) -> tuple[int, ...]:
    values = data.get(key, [])
    if not isinstance(values, list):
        raise TypeError(key)
    return tuple(int_at({key: v}, key) for v in values)


def strs_at(data: Json, key: str) -> tuple[str, ...]:
    values = data.get(key, [])
    if not isinstance(values, list):
        raise TypeError(key)
    return tuple(str_at({key: v}, key) for v in values)
