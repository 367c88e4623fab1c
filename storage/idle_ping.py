"""On PostgreSQL, a pooled connection is tested before use only if it sat idle for a while.

A restarted server leaves dead connections in the pool. SQLAlchemy's `pool_pre_ping` tests
every connection on every checkout: a round trip to the server before each unit of work, which
cost an incoming message about 0.3 ms of this process's time and more of the server's
(BENCHMARKS.md, ingest). Tested only after IDLE_SECONDS in the pool, a quiet bot's first
message after a restart still finds a live connection. A connection in steady use that the
server drops fails its first statement instead: SQLAlchemy then discards the whole pool, and
`Database.run` tries the unit of work again on a fresh connection (a failed try committed
nothing).
"""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DisconnectionError

IDLE_SECONDS = 2.0
_CHECKED_IN = "natter_checked_in"


def install(engine: Engine) -> None:
    """On the sync side of an async PostgreSQL engine."""
    event.listen(engine, "checkin", _checked_in)
    event.listen(engine, "checkout", lambda *args: _checkout(engine, *args))


def _checked_in(_dbapi_connection: Any, record: Any) -> None:
    if record is not None:
        record.info[_CHECKED_IN] = time.monotonic()


def _checkout(engine: Engine, dbapi_connection: Any, record: Any, _proxy: Any) -> None:
    since = record.info.pop(_CHECKED_IN, None)
    if since is None or time.monotonic() - since < IDLE_SECONDS:
        return
    driver_error = engine.dialect.loaded_dbapi.Error  # the driver's errors, as adapted
    try:
        alive = engine.dialect.do_ping(dbapi_connection)
    except driver_error as err:
        if not engine.dialect.is_disconnect(err, dbapi_connection, None):
            raise
        alive = False
    if not alive:
        raise DisconnectionError("a pooled connection no longer answers")  # the pool reconnects
