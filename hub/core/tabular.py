"""Reading CSV and XLSX uploads for imports: size and type are checked before parsing. Writing
exports (CSV, XLSX, JSON) with the formula guard, for downloads and commands alike.

Rows come back as dictionaries keyed by the lower-cased header, each with its row number as a
person sees it in a spreadsheet (the header is row 1).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tablib
from django.utils.translation import gettext as _

from hub.core.errors import Problem
from hub.core.errors import ValidationFailed

EXPORT_FORMATS = ("csv", "xlsx", "json")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MAX_IMPORT_BYTES = 20 * 1024 * 1024
XLSX_MAGIC = b"PK\x03\x04"


@dataclass
class Row:
    number: int
    values: dict[str, str]

    def get(self, key: str) -> str:
        return self.values.get(key, "").strip()


def read_table(*, name: str, content: bytes, required: list[str]) -> list[Row]:
    """The rows of a CSV or XLSX file, or ValidationFailed naming what is wrong with the file."""
    if len(content) > MAX_IMPORT_BYTES:
        raise ValidationFailed(
            _("The file is too large."),
            problems=[Problem(_("At most %(mb)s MB.") % {"mb": MAX_IMPORT_BYTES // (1024 * 1024)}, field="file")],
        )
    suffix = Path(name).suffix.lower()
    if suffix == ".xlsx":
        if not content.startswith(XLSX_MAGIC):
            raise ValidationFailed(
                _("The file is not an XLSX workbook."), problems=[Problem(_("Not XLSX."), field="file")]
            )
        header, body = _xlsx_rows(content)
    elif suffix == ".csv":
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ValidationFailed(
                _("The file is not UTF-8 text."), problems=[Problem(_("Save the CSV as UTF-8."), field="file")]
            ) from exc
        all_rows: list[list[object]] = [list(r) for r in csv.reader(io.StringIO(text))]
        header, body = [str(h) for h in (all_rows[0] if all_rows else [])], all_rows[1:]
    else:
        raise ValidationFailed(
            _("Unsupported file type."), problems=[Problem(_("Send a .csv or .xlsx file."), field="file")]
        )
    keys = [str(h or "").strip().lower() for h in header]
    missing = [r for r in required if r not in keys]
    if missing:
        raise ValidationFailed(
            _("Columns are missing."),
            problems=[Problem(_("Missing column: %(name)s") % {"name": m}, field=m, row=1) for m in missing],
        )
    rows = []
    for offset, cells in enumerate(body, start=2):
        values = {k: ("" if i >= len(cells) or cells[i] is None else str(cells[i])) for i, k in enumerate(keys) if k}
        if any(v.strip() for v in values.values()):
            rows.append(Row(number=offset, values=values))
    return rows


def _xlsx_rows(content: bytes) -> tuple[list[str], list[list[object]]]:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    sheet = book.worksheets[0]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    book.close()
    if not rows:
        return [], []
    return [str(h or "") for h in rows[0]], rows[1:]


def export_cell(value: Any) -> Any:
    """A cell as exported. Text that a spreadsheet would run as a formula is prefixed with a quote."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def export_dataset(*, headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> tablib.Dataset:
    """The rows (already selected for the viewer) as a dataset, every cell through `export_cell`."""
    return tablib.Dataset(*[tuple(export_cell(v) for v in row) for row in rows], headers=list(headers))
