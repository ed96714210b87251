"""The one reference loader: every reference table (reference/*.csv) loads through `reference_load`.

It validates every row first and writes nothing if any row fails; then, in one audited transaction,
it upserts each row and reports how many were created, updated and unchanged. A dry run does the
same and rolls back.
"""

from __future__ import annotations

import csv
import datetime
import enum
import functools
import re
from collections.abc import Callable
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from typing import TypeVar

from django.conf import settings
from django.db import models
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hub.core.audit import acting_as
from hub.core.errors import Problem
from hub.core.errors import ValidationFailed

REFERENCE_DIR = Path(settings.BASE_DIR) / "reference"

V = TypeVar("V")


class Outcome(enum.Enum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def count(self, outcome: Outcome) -> None:
        setattr(self, outcome.value, getattr(self, outcome.value) + 1)


def reference_rows(name: str, path: Path | None = None) -> list[dict[str, str]]:
    """The rows of reference/<name>, as dictionaries (the header row is row 1; data starts at row 2)."""
    with (path or REFERENCE_DIR / name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def reference_load(
    *,
    table: str,
    rows: Iterable[dict[str, str]],
    validate: Callable[[int, dict[str, str], list[Problem]], V | None],
    upsert: Callable[[V], Outcome],
    dry_run: bool = False,
) -> LoadReport:
    """Validate every row (`validate(row_number, row, problems)` returns the planned values or None), then
    upsert each planned row. Raises ValidationFailed naming every bad row; then nothing is written."""
    problems: list[Problem] = []
    planned: list[V] = []
    for number, row in enumerate(rows, start=2):
        values = validate(number, row, problems)
        if values is not None:
            planned.append(values)
    if problems:
        raise ValidationFailed(
            _("The %(table)s table has errors; nothing was loaded.") % {"table": table}, problems=problems
        )
    report = LoadReport()
    with transaction.atomic(), acting_as(None, via="reference"):
        for values in planned:
            report.count(upsert(values))
        if dry_run:
            transaction.set_rollback(True)
    return report


def upsert_by(
    model: type[models.Model],
    *,
    lookup: dict[str, Any],
    values: dict[str, Any],
    on_create: dict[str, Any] | None = None,
) -> Outcome:
    """Create the record found by `lookup` with `values` (and `on_create`, the values only a new record
    takes), or update only the fields of `values` that differ."""
    record = model._default_manager.filter(**lookup).first()
    if record is None:
        model._default_manager.create(**lookup, **values, **(on_create or {}))
        return Outcome.CREATED
    changed = [k for k, v in values.items() if getattr(record, k) != v]
    if not changed:
        return Outcome.UNCHANGED
    for k in changed:
        setattr(record, k, values[k])
    record.save(update_fields=changed)
    return Outcome.UPDATED


# --- sources: what the reference tables cite, by title and date ---------------------------------
# reference/sources.csv names each source the tables cite ("seed 000", ...) with its kind,
# publisher, title, date and link. A source text ("seed 000 (founding list); seed 001") is shown as
# the sources it names; text that names none (a source the secretariat typed) is shown as written.

SOURCE_KINDS = {
    "press_release": gettext_lazy("press release of %(publisher)s"),
    "statement": "",
    "taskforce_page": gettext_lazy("the Taskforce's page on the website of %(publisher)s"),
}


@dataclass(frozen=True)
class Source:
    id: str
    kind: str
    publisher: str
    title: str
    date: datetime.date | None
    url: str

    @property
    def label(self) -> str:
        """The source in words, in the current language: its title, what it is, its date."""
        parts = []
        if self.title:
            parts.append(_("“%(title)s”") % {"title": self.title})
        what = str(SOURCE_KINDS[self.kind])
        if what:
            parts.append(what % {"publisher": self.publisher})
        if self.date:
            parts.append(date_format(self.date, "DATE_FORMAT"))
        return ", ".join(parts)


@dataclass(frozen=True)
class Citation:
    """One source a record cites: a known source, or the text as written."""

    label: str
    url: str = ""
    source: Source | None = None


@functools.cache
def source_registry() -> dict[str, Source]:
    """The sources of reference/sources.csv, by id (read once)."""
    out: dict[str, Source] = {}
    for row in reference_rows("sources.csv"):
        if row["kind"] not in SOURCE_KINDS:
            raise ValueError(f"reference/sources.csv: unknown kind {row['kind']!r} for {row['id']!r}")
        day = datetime.date.fromisoformat(row["date"]) if row["date"] else None
        out[row["id"]] = Source(row["id"], row["kind"], row["publisher"], row["title"], day, row["url"])
    return out


_TOP_LEVEL_SEMICOLON = re.compile(r";(?![^()]*\))")


def _names(piece: str, key: str) -> bool:
    """The piece starts with the id as a whole ("seed 000", "seed 000 (…)", "seed 000: …")."""
    return piece.startswith(key) and (len(piece) == len(key) or not piece[len(key)].isalnum())


def citations(*texts: str) -> list[Citation]:
    """The sources named by source texts, each once, in order. A piece that starts with a known id
    ("seed 000 (founding list, chair)") is that source; any other piece is kept as written."""
    registry = source_registry()
    found: list[Citation] = []
    for text in texts:
        for piece in _TOP_LEVEL_SEMICOLON.split(text or ""):
            piece = piece.strip()
            if not piece:
                continue
            source = next((s for key, s in registry.items() if _names(piece, key)), None)
            citation = Citation(source.label, source.url, source) if source else Citation(piece)
            if citation not in found:
                found.append(citation)
    return found
