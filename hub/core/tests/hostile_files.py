"""Spreadsheets that are not what they seem, generated small, for the import tests of every app:
each comes with the words its refusal must contain (besides the file's name)."""

from __future__ import annotations

import functools
import io
import zipfile
from dataclasses import dataclass

import openpyxl

from hub.core.tabular import MAX_CELL_CHARS
from hub.core.tabular import MAX_IMPORT_COLUMNS
from hub.core.tabular import MAX_IMPORT_ROWS
from hub.core.tabular import XLSX_RATIO_FLOOR


@dataclass(frozen=True)
class Hostile:
    name: str
    content: bytes
    says: str  # what the refusal must say


def workbook(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def bomb(header: list[str], *, inflated_bytes: int = 2 * XLSX_RATIO_FLOOR) -> bytes:
    """A real workbook whose sheet is `inflated_bytes` of blanks: about 1000:1 once deflated."""
    source = zipfile.ZipFile(io.BytesIO(workbook([list(header)])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for entry in source.infolist():
            if entry.filename != "xl/worksheets/sheet1.xml":
                target.writestr(entry, source.read(entry))
        with target.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            chunk = b" " * (1024 * 1024)
            for _ in range(inflated_bytes // len(chunk)):
                sheet.write(chunk)
    return out.getvalue()


def not_a_workbook_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("notes.txt", "a zip, but no workbook")
    return out.getvalue()


def damaged_workbook(header: list[str]) -> bytes:
    """A zip with a workbook's parts whose workbook part is not XML."""
    source = zipfile.ZipFile(io.BytesIO(workbook([list(header)])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            body = b"<workbook" if entry.filename == "xl/workbook.xml" else source.read(entry)
            target.writestr(entry, body)
    return out.getvalue()


@functools.cache
def hostile_files(header: tuple[str, ...]) -> tuple[Hostile, ...]:
    """Every kind of file an import refuses, for an import whose required columns are `header`."""
    row = ["x"] * len(header)
    good = workbook([list(header), row])
    csv_header = ",".join(header)
    return (
        Hostile("bomb.xlsx", bomb(list(header)), "packed more densely"),
        Hostile("huge.xlsx", bomb(list(header), inflated_bytes=65 * 1024 * 1024), "unpack to more than 64 MB"),
        Hostile(
            "rows.xlsx", workbook([list(header)] + [row] * (MAX_IMPORT_ROWS + 1)), f"more than {MAX_IMPORT_ROWS} rows"
        ),
        Hostile(
            "rows.csv",
            (csv_header + "\n" + (",".join(row) + "\n") * (MAX_IMPORT_ROWS + 1)).encode(),
            f"more than {MAX_IMPORT_ROWS} rows",
        ),
        Hostile(
            "columns.xlsx",
            workbook([[*header, *(f"extra{i}" for i in range(MAX_IMPORT_COLUMNS))], row]),
            f"more than {MAX_IMPORT_COLUMNS} columns",
        ),
        Hostile(
            "cell.csv",
            (csv_header + "\n" + ",".join(["y" * (MAX_CELL_CHARS + 1), *row[1:]]) + "\n").encode(),
            f"longer than {MAX_CELL_CHARS} characters",
        ),
        Hostile("truncated.xlsx", good[: len(good) // 2], "damaged or incomplete"),
        Hostile("damaged.xlsx", damaged_workbook(list(header)), "damaged or incomplete"),
        Hostile("zip.xlsx", not_a_workbook_zip(), "is not an XLSX workbook"),
        Hostile("text.xlsx", (csv_header + "\n").encode(), "is not an XLSX workbook"),
        Hostile("latin1.csv", (csv_header + "\n" + ",".join(["Côte"] * len(header)) + "\n").encode("latin-1"), "UTF-8"),
    )
