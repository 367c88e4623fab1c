"""Database URLs read without connecting: which driver and backend, and how to show one safely."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError


class NotADatabaseURL(Exception):
    """The text does not have the shape of a database URL at all."""


@dataclass(frozen=True, slots=True)
class DatabaseURL:
    driver: str  # e.g. "postgresql+asyncpg"
    backend: str  # "sqlite" or "postgresql"
    shown: str  # the URL with any password hidden, for `natter status`


def parse_url(value: str) -> DatabaseURL:
    """`value` read as a database URL; raises NotADatabaseURL if it is not one."""
    try:
        url = make_url(value)
    except ArgumentError:
        raise NotADatabaseURL(value) from None
    return DatabaseURL(
        url.drivername, url.get_backend_name(), url.render_as_string(hide_password=True)
    )
