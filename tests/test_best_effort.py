"""A best-effort write that the database refuses is dropped, and the request's transaction goes on."""

from __future__ import annotations

from django.db import connection

from hub.accounts.models import User
from hub.core.best_effort import best_effort_write


def test_a_refused_write_is_dropped_and_the_transaction_stays_usable(db):
    def refused() -> None:
        with connection.cursor() as cursor:
            cursor.execute("UPDATE no_such_table SET x = 1")

    assert best_effort_write(refused, what="a test write") is False
    assert User.objects.count() == 0  # on PostgreSQL an aborted transaction would refuse this
    assert best_effort_write(lambda: User.objects.create_user("x@example.org", "pw-x" * 4), what="a user") is True
    assert User.objects.count() == 1


def test_the_lock_wait_is_restored_after_the_write(db):
    """SQLite's busy timeout, or PostgreSQL's lock timeout, is what it was before the write."""
    setting = "PRAGMA busy_timeout" if connection.vendor == "sqlite" else "SHOW lock_timeout"
    with connection.cursor() as cursor:
        cursor.execute(setting)
        (before,) = cursor.fetchone()
    best_effort_write(lambda: None, what="nothing")
    with connection.cursor() as cursor:
        cursor.execute(setting)
        assert cursor.fetchone() == (before,)
