"""Race-safe writes (docs/decisions.md, "Race-safe workflows").

- `locked(instance)`: the row read again inside the current transaction and locked until it ends
  (`SELECT ... FOR UPDATE` on PostgreSQL; on SQLite the write transaction holds the database from its
  start, `BEGIN IMMEDIATE`, so the row read there is the current one). A service checks the state on
  what `locked` returns, never on what it read before its transaction.
- `version_of(instance)` / `check_version(instance, given)`: an edit names the version it was based
  on (the row's `updated_at` in microseconds: an ETag on the API, a hidden field on forms); a stale
  one is a Conflict, never a silent overwrite.
- `unique_or_conflict(message)`: a unique constraint hit by a write made at the same moment is a
  Conflict (409), never a 500.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from typing import TypeVar

from django.db import IntegrityError
from django.db import models
from django.utils.translation import gettext as _

from hub.core.errors import Conflict
from hub.core.errors import Problem

M = TypeVar("M", bound=models.Model)
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
VERSION_FIELD = "row_version"


def locked(instance: M) -> M:
    """`instance` read again from its row, which stays locked until the transaction ends; refreshed in
    place (its cached related records are read again when next used) and returned. Call inside
    `transaction.atomic()`."""
    model = type(instance)
    instance.refresh_from_db(from_queryset=model._default_manager.select_for_update())
    return instance


def version_of(instance: Any) -> str:
    """The version of a row: its last change, in microseconds since 1970 (opaque to callers)."""
    stamp: datetime.datetime = instance.updated_at
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=datetime.UTC)
    return str((stamp - EPOCH) // datetime.timedelta(microseconds=1))


def etag(instance: Any) -> str:
    return f'"{version_of(instance)}"'


def parse_if_match(header: str | None) -> str | None:
    """The version an If-Match header names: None when absent or "*" (any version); the first entity
    tag of a list; a weak tag compares as its value."""
    if header is None or not header.strip() or header.strip() == "*":
        return None
    first = header.split(",")[0].strip()
    if first.startswith("W/"):
        first = first[2:]
    return first.strip('"')


def check_version(instance: Any, given: str | None) -> None:
    """Refuse an edit based on another version than the row's current one (`given` None: no check)."""
    if given is None or given == "":
        return
    current = version_of(instance)
    if str(given).strip().strip('"') != current:
        record = str(instance._meta.verbose_name)
        raise Conflict(
            _("This %(record)s was changed by someone else after you opened it: nothing was saved.")
            % {"record": record},
            problems=[
                Problem(_("Reload the page (or read the record again) and make your change again."), VERSION_FIELD)
            ],
        )


def is_unique_violation(exc: IntegrityError) -> bool:
    cause = exc.__cause__
    if getattr(cause, "sqlstate", None) == "23505":  # PostgreSQL unique_violation
        return True
    return "UNIQUE constraint failed" in str(exc)  # SQLite


@contextmanager
def unique_or_conflict(message: str, *, field: str | None = None) -> Iterator[None]:
    """Wrap a transaction (`with unique_or_conflict(...): with transaction.atomic(): ...`): a unique
    constraint violated by a write made at the same moment becomes a Conflict saying `message`."""
    try:
        yield
    except IntegrityError as exc:
        if not is_unique_violation(exc):
            raise
        problems = [Problem(_("Someone saved the same record at the same moment: reload and check."), field)]
        raise Conflict(message, problems=problems) from exc


def changed_meanwhile(instance: Any) -> Conflict:
    """The loser of a race (or a step taken from a stale page): the record is now in another state, so
    this step did not happen. The message names that state."""
    return Conflict(
        _("This %(record)s was already %(state)s (state: %(code)s): nothing was done.")
        % {
            "record": str(instance._meta.verbose_name),
            "state": str(instance.get_status_display()).lower(),
            "code": instance.status,
        },
        problems=[Problem(_("Reload to see what changed."), field="status")],
    )
