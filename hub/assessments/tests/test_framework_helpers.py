"""Files of a next framework version (mnr-2026) built from the reference table, for the framework tests."""

from __future__ import annotations

import csv
import io
from typing import Any

import tablib

from conftest import as_viewer
from hub.assessments.models import Framework
from hub.assessments.services.framework import framework_load
from hub.assessments.services.framework import framework_publish
from hub.core.reference import reference_rows

COLUMNS = ["id", "domain", "name", "source", "maps_to", "relation"]
SOURCE = "Secretariat's revision of the MNR capabilities, 2026 (a test file)"


def next_rows() -> list[dict[str, str]]:
    """mnr-2026: every capability of mnr-2016 the same, but 4 split into 4 and 22, 5 and 6 merged into 5,
    21 not carried over, and 23 new."""
    rows = []
    for r in reference_rows("mnr_capabilities.csv"):
        number = int(r["id"])
        row = {"id": r["id"], "domain": r["domain"], "name": r["name"], "source": "same"}
        row.update(maps_to=r["id"], relation="same")
        if number == 1:
            row["source"] = SOURCE
        if number == 4:
            row["relation"] = "split"
        if number == 5:
            row.update(name="Justice System", maps_to="5; 6", relation="merged")
        if number in (6, 21):
            continue
        rows.append(row)
    rows.append(
        {"id": "22", "domain": "Criminal Justice", "name": "Online Investigation", "source": "same", "maps_to": "4"}
        | {"relation": "split"}
    )
    rows.append({"id": "23", "domain": "Industry", "name": "Safety by Design", "source": "same"})
    return rows


def csv_file(rows: list[dict[str, str]], columns: list[str] | None = None) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns or COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def xlsx_file(rows: list[dict[str, str]]) -> bytes:
    data = tablib.Dataset(headers=COLUMNS)
    for row in rows:
        data.append([row.get(c, "") for c in COLUMNS])
    body: Any = data.export("xlsx")
    return bytes(body)


def load_next(
    secretariat: Any, *, rows: list[dict[str, str]] | None = None, dry_run: bool = False, **extra: Any
) -> Any:
    return framework_load(
        viewer=as_viewer(secretariat),
        code=extra.pop("code", "mnr-2026"),
        title="MNR 2026",
        source=SOURCE,
        name=extra.pop("name", "mnr-2026.csv"),
        content=extra.pop("content", None) or csv_file(next_rows() if rows is None else rows),
        dry_run=dry_run,
        **extra,
    )


def draft_next(secretariat: Any) -> Framework:
    load_next(secretariat)
    return Framework.objects.get(code="mnr-2026")


def published_next(secretariat: Any) -> Framework:
    found = draft_next(secretariat)
    return framework_publish(viewer=as_viewer(secretariat), framework_id=found.pk)
