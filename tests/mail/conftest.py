"""A real SMTP server for each mail test, on a free loopback port."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.smtp import MailServer


@pytest.fixture
def smtp() -> Iterator[MailServer]:
    server = MailServer()
    server.start()
    yield server
    server.stop()
