"""Files of a next checklist version (2027-1) built from the reference table, for the checklist tests."""

from __future__ import annotations

import csv
import io
from typing import Any

import tablib

from conftest import as_viewer
from hub.core.reference import reference_rows
from hub.legal.models import ChecklistVersion
from hub.legal.services.checklist import checklist_version_load
from hub.legal.services.checklist import checklist_version_publish

COLUMNS = ["id", "group", "provision", "met_means", "scoring", "instruments", "maps_to", "relation", "provision_fr"]
SOURCE = "Secretariat's revision of the model checklist, 2027"


def next_rows() -> list[dict[str, str]]:
    """2027-1: every provision of 2026-1 the same, but O5 split into O5a and O5b, and O9 and O10 merged."""
    rows = []
    for r in reference_rows("model_checklist.csv"):
        row = {c: r.get(c, "") for c in COLUMNS}
        row["maps_to"], row["relation"] = r["id"], "same"
        if r["id"] == "O5":
            rows.append({**row, "id": "O5a", "provision": "Possession", "relation": "split"})
            rows.append({**row, "id": "O5b", "provision": "Possession of generated material", "relation": "split"})
            continue
        if r["id"] == "O10":
            continue
        if r["id"] == "O9":
            row.update(provision="Advertising, profiting and financing", maps_to="O9; O10", relation="merged")
        rows.append(row)
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


def load_next(secretariat: Any, *, rows: list[dict[str, str]] | None = None, dry_run: bool = False) -> Any:
    return checklist_version_load(
        viewer=as_viewer(secretariat),
        code="2027-1",
        title="Second edition",
        source=SOURCE,
        name="checklist-2027.csv",
        content=csv_file(rows or next_rows()),
        dry_run=dry_run,
    )


def draft_next(secretariat: Any) -> ChecklistVersion:
    load_next(secretariat)
    return ChecklistVersion.objects.get(code="2027-1")


def published_next(secretariat: Any) -> ChecklistVersion:
    version = draft_next(secretariat)
    return checklist_version_publish(viewer=as_viewer(secretariat), version_id=version.pk)
