"""Reading CSV and XLSX uploads for imports, within bounds; writing exports (CSV, XLSX, JSON) that
any stored value cannot break, for downloads and commands alike.

Imports are checked before they are parsed and while they are read, against one set of limits
(documented in docs/decisions.md): the file's size; for an XLSX, the zip's entries and the size each
declares once inflated, read from the zip's directory alone so a bomb is refused before any byte is
inflated; then, while rows stream from the reader, the number of rows, of columns, and the length of
each cell. A file that is not what its name says, or is damaged, is a `ValidationFailed` naming it.

Rows come back as dictionaries keyed by the lower-cased header, each with its row number as a
person sees it in a spreadsheet (the header is row 1).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
import zlib
from collections.abc import Iterable
from collections.abc import Iterator
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tablib
from django.utils.translation import gettext as _

from hub.core.errors import Problem
from hub.core.errors import ValidationFailed

# --- limits of an import -----------------------------------------------------------------------

MAX_IMPORT_BYTES = 20 * 1024 * 1024  # the file as sent
MAX_IMPORT_ROWS = 10_000  # rows with any value, the header not counted
MAX_IMPORT_COLUMNS = 50  # up to the last column holding a value, in any row
MAX_CELL_CHARS = 10_000
MAX_XLSX_ROW_ELEMENTS = 100_000  # rows in a sheet, empty (formatted) ones included
MAX_XLSX_ENTRIES = 1_000  # files inside the zip
MAX_XLSX_INFLATED_BYTES = 64 * 1024 * 1024  # all files inside the zip together, as declared
MAX_XLSX_RATIO = 100  # inflated / compressed, for any file inside the zip larger than:
XLSX_RATIO_FLOOR = 1024 * 1024
XLSX_REQUIRED = ("[Content_Types].xml", "xl/workbook.xml")
XLSX_MAGIC = b"PK\x03\x04"
# Where a worksheet's row element starts (with or without a namespace prefix), and a cell value.
ROW_START = re.compile(rb"<(?:[\w.-]+:)?row(?=[\s/>])")
VALUE_ELEMENT = re.compile(rb"<(?:[\w.-]+:)?(?:v|is)[\s>]")

# --- exports -----------------------------------------------------------------------------------

EXPORT_FORMATS = ("csv", "xlsx", "json")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# What a worksheet cannot hold (openpyxl's ILLEGAL_CHARACTERS_RE): C0 controls but tab, LF and CR.
ILLEGAL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
LINE_BREAKS = re.compile(r"[\x0b\x0c]")  # Word's manual line break (vertical tab) and page break
MAX_XLSX_CELL_CHARS = 32_767  # what a spreadsheet cell holds


@dataclass
class Row:
    number: int
    values: dict[str, str]

    def get(self, key: str) -> str:
        return self.values.get(key, "").strip()


def _refuse(message: str, detail: str, *, row: int | None = None, field: str = "file") -> ValidationFailed:
    return ValidationFailed(message, problems=[Problem(detail, field=field, row=row)])


def check_import_size(*, name: str, size: int) -> None:
    """Refuse a file larger than an import accepts (before it is read, when the size is known)."""
    if size > MAX_IMPORT_BYTES:
        message = _("%(name)s is too large: at most %(mb)s MB.") % {
            "name": name,
            "mb": MAX_IMPORT_BYTES // (1024 * 1024),
        }
        raise _refuse(message, message)


def read_table(*, name: str, content: bytes, required: list[str]) -> list[Row]:
    """The rows of a CSV or XLSX file, or ValidationFailed naming what is wrong with the file."""
    check_import_size(name=name, size=len(content))
    suffix = Path(name).suffix.lower()
    cells: Iterator[Sequence[object]]
    if suffix == ".xlsx":
        cells = _xlsx_cells(name, content)
    elif suffix == ".csv":
        cells = _csv_cells(name, content)
    else:
        message = _("%(name)s is neither a .csv nor an .xlsx file.") % {"name": name}
        raise _refuse(message, message + " " + _("Send a .csv or .xlsx file."))
    header, body = _bounded(name, cells)
    keys = [str(h or "").strip().lower() for h in header]
    missing = [r for r in required if r not in keys]
    if missing:
        raise ValidationFailed(
            _("Columns are missing."),
            problems=[Problem(_("Missing column: %(name)s") % {"name": m}, field=m, row=1) for m in missing],
        )
    rows = []
    for number, row in body:
        values = {k: ("" if i >= len(row) or row[i] is None else str(row[i])) for i, k in enumerate(keys) if k}
        rows.append(Row(number=number, values=values))
    return rows


def _bounded(name: str, cells: Iterator[Sequence[object]]) -> tuple[list[object], list[tuple[int, list[object]]]]:
    """The header and the rows holding a value, each with its number, refused past any limit as soon
    as the reader reaches it (so a file of a million rows stops at the first row too many)."""
    header: list[object] | None = None
    body: list[tuple[int, list[object]]] = []
    for number, raw in enumerate(cells, start=1):
        row = list(raw)
        while row and (row[-1] is None or row[-1] == ""):
            row.pop()
        if len(row) > MAX_IMPORT_COLUMNS:
            message = _("%(name)s has more than %(count)s columns.") % {"name": name, "count": MAX_IMPORT_COLUMNS}
            raise _refuse(message, message, row=number)
        for index, value in enumerate(row):
            if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                message = _("%(name)s has a cell longer than %(count)s characters.") % {
                    "name": name,
                    "count": MAX_CELL_CHARS,
                }
                column = str(header[index] or "") if header is not None and index < len(header) else ""
                raise _refuse(message, message, row=number, field=column.strip().lower() or f"column {index + 1}")
        if header is None:
            header = row
            continue
        if not any(str(v).strip() for v in row if v is not None):
            continue
        if len(body) == MAX_IMPORT_ROWS:
            raise _too_many_rows(name, row=number)
        body.append((number, row))
    return header or [], body


def _damaged(name: str) -> ValidationFailed:
    message = _("%(name)s is damaged or incomplete and could not be read.") % {"name": name}
    return _refuse(message, message)


def _not_xlsx(name: str) -> ValidationFailed:
    message = _("%(name)s is not an XLSX workbook.") % {"name": name}
    return _refuse(message, message + " " + _("Save it from your spreadsheet as an Excel workbook (.xlsx), or as CSV."))


def _csv_cells(name: str, content: bytes) -> Iterator[Sequence[object]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        message = _("%(name)s is not UTF-8 text.") % {"name": name}
        raise _refuse(message, message + " " + _("Save the CSV as UTF-8.")) from exc
    reader = csv.reader(io.StringIO(text))
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise _damaged(name) from exc
        yield row


def check_xlsx_archive(name: str, content: bytes) -> None:
    """Refuse an XLSX from its zip directory alone, before inflating anything: not a zip, not a
    workbook, too many entries, or entries that would inflate past the limits (a zip bomb).

    The sizes are the ones the directory declares; Python's zipfile never inflates an entry past its
    declared size (it stops there and fails the CRC check), so a lying directory cannot get round it.
    """
    if not content.startswith(XLSX_MAGIC):
        raise _not_xlsx(name)
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise _damaged(name) from exc
    names = {entry.filename for entry in entries}
    if not all(required in names for required in XLSX_REQUIRED):
        raise _not_xlsx(name)
    if len(entries) > MAX_XLSX_ENTRIES:
        message = _("%(name)s holds more than %(count)s files; it was not opened.") % {
            "name": name,
            "count": MAX_XLSX_ENTRIES,
        }
        raise _refuse(message, message)
    if sum(entry.file_size for entry in entries) > MAX_XLSX_INFLATED_BYTES:
        message = _("%(name)s would unpack to more than %(mb)s MB; it was not opened.") % {
            "name": name,
            "mb": MAX_XLSX_INFLATED_BYTES // (1024 * 1024),
        }
        raise _refuse(message, message)
    if any(
        entry.file_size > XLSX_RATIO_FLOOR and entry.file_size > MAX_XLSX_RATIO * max(entry.compress_size, 1)
        for entry in entries
    ):
        message = _("%(name)s is packed more densely than a spreadsheet can be; it was not opened.") % {"name": name}
        raise _refuse(message, message)
    # openpyxl parses every worksheet whole to size it when opening a workbook, so rows are counted
    # here first, in every part of the zip that holds rows.
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            for entry in entries:
                if entry.filename.endswith(".xml"):
                    _check_sheet_rows(name, archive, entry)
    except (zipfile.BadZipFile, zlib.error, NotImplementedError, OSError, EOFError, RuntimeError) as exc:
        raise _damaged(name) from exc


def _xlsx_cells(name: str, content: bytes) -> Iterator[Sequence[object]]:
    """The first worksheet's rows, streamed (openpyxl's read-only mode), after `check_xlsx_archive`."""
    import openpyxl

    check_xlsx_archive(name, content)
    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - whatever a damaged workbook raises, the answer is the same
        raise _damaged(name) from exc
    try:
        if not book.worksheets:
            raise _not_xlsx(name)
        sheet = book.worksheets[0]
        # The declared dimension is not trusted: it would pad every row to its width and add rows.
        sheet.reset_dimensions()  # type: ignore[union-attr]
        rows = sheet.iter_rows(values_only=True)
        while True:
            try:
                row = next(rows)
            except StopIteration:
                return
            except Exception as exc:  # noqa: BLE001 - a damaged sheet fails while it streams
                raise _damaged(name) from exc
            yield row
    finally:
        book.close()


def _check_sheet_rows(name: str, archive: zipfile.ZipFile, path: zipfile.ZipInfo | str) -> None:
    """Count the rows holding a value in the sheet's XML, much faster than parsing it, so a workbook
    of a million rows is refused at once rather than after streaming ten thousand of them. Linear in
    the sheet's size whatever its content: each row is searched once, when the next one starts."""
    count, elements, buffer, current = 0, 0, b"", -1  # `current`: where the row being read starts
    with archive.open(path) as source:
        while chunk := source.read(1024 * 1024):
            scan_from = max(0, len(buffer) - 64)
            buffer += chunk
            for match in ROW_START.finditer(buffer, scan_from):
                if match.start() <= current:
                    continue
                if current >= 0:
                    count += bool(VALUE_ELEMENT.search(buffer, current, match.start()))
                current = match.start()
                elements += 1
            if count > MAX_IMPORT_ROWS + 1 or elements > MAX_XLSX_ROW_ELEMENTS:  # the header is a row too
                raise _too_many_rows(name, row=None)
            buffer, current = (buffer[current:], 0) if current >= 0 else (buffer[-64:], -1)
    count += current >= 0 and bool(VALUE_ELEMENT.search(buffer, current))
    if count > MAX_IMPORT_ROWS + 1:
        raise _too_many_rows(name, row=None)


def _too_many_rows(name: str, *, row: int | None) -> ValidationFailed:
    message = _("%(name)s has more than %(count)s rows; split it into smaller files.") % {
        "name": name,
        "count": MAX_IMPORT_ROWS,
    }
    return _refuse(message, message, row=row)


# --- exports -----------------------------------------------------------------------------------


def export_cell(value: Any, *, fmt: str = "") -> Any:
    """A cell as exported, whatever was stored: characters a worksheet cannot hold are dropped (a
    vertical tab or page break becomes a line break), text a spreadsheet would run as a formula is
    prefixed with a quote, and an XLSX cell is cut to what a spreadsheet cell holds. The same in
    every format, so a CSV, an XLSX and a JSON export of the same rows agree."""
    if value is None:
        return ""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS.sub("", LINE_BREAKS.sub("\n", value))
        if value.startswith(FORMULA_STARTS):
            value = "'" + value
        if fmt == "xlsx":
            value = value[:MAX_XLSX_CELL_CHARS]
    return value


def export_dataset(*, headers: Sequence[str], rows: Iterable[Sequence[Any]], fmt: str = "") -> tablib.Dataset:
    """The rows (already selected for the viewer) as a dataset, every cell through `export_cell`."""
    return tablib.Dataset(
        *[tuple(export_cell(v, fmt=fmt) for v in row) for row in rows],
        headers=[export_cell(h, fmt=fmt) for h in headers],
    )


def export_body(*, headers: Sequence[str], rows: Iterable[Sequence[Any]], fmt: str) -> str | bytes:
    """The rows as a CSV or JSON text, or XLSX bytes: what every export (page, API, command) sends."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    body: str | bytes = export_dataset(headers=headers, rows=rows, fmt=fmt).export(fmt)
    return body
