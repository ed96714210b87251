"""Writes a request may skip: bookkeeping (when a token was last used) that must never fail, or hold
up, the request it belongs to.

Such a write waits a moment for the database's lock, not the full busy timeout, and a database error
(SQLite's "database is locked", a PostgreSQL lock timeout) is logged and dropped. It runs in its own
savepoint, so a failure leaves any surrounding transaction usable.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import DatabaseError
from django.db import connection
from django.db import transaction

logger = logging.getLogger("hub.db")

LOCK_WAIT_MS = 200


@contextmanager
def _short_lock_wait(ms: int) -> Iterator[None]:
    """Inside the block, a write waits at most `ms` milliseconds for a lock another connection holds."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA busy_timeout")
            (previous,) = cursor.fetchone()
            cursor.execute(f"PRAGMA busy_timeout = {int(ms)}")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA busy_timeout = {int(previous)}")
        return
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(f"SET LOCAL lock_timeout = '{int(ms)}ms'")
            yield
        return
    yield


def best_effort_write(write: Callable[[], object], *, what: str, wait_ms: int = LOCK_WAIT_MS) -> bool:
    """Run `write`; True when it was written, False when the database refused it (logged, not raised)."""
    try:
        with _short_lock_wait(wait_ms), transaction.atomic():
            write()
    except DatabaseError as exc:
        logger.warning("Skipped %s: %s", what, exc)
        return False
    return True
