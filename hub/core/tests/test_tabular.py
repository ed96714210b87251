"""The import reader refuses what is past its limits before parsing it; exports hold any stored value."""

from __future__ import annotations

import csv
import io
import json
import time
import tracemalloc
import zipfile

import openpyxl
import pytest

from hub.core.errors import ValidationFailed
from hub.core.tabular import MAX_IMPORT_ROWS
from hub.core.tabular import export_body
from hub.core.tabular import export_cell
from hub.core.tabular import read_table
from hub.core.tests.hostile_files import bomb
from hub.core.tests.hostile_files import hostile_files
from hub.core.tests.hostile_files import workbook

HEADER = ("name", "kind")


@pytest.mark.parametrize("hostile", hostile_files(HEADER), ids=lambda h: h.name)
def test_it_refuses_each_hostile_file_naming_it(hostile):
    with pytest.raises(ValidationFailed) as caught:
        read_table(name=hostile.name, content=hostile.content, required=list(HEADER))
    texts = [caught.value.message, *(p.message for p in caught.value.problems)]
    assert all(hostile.name in text for text in texts), texts
    assert any(hostile.says in text for text in texts), texts


def test_it_refuses_a_bomb_from_the_zip_directory_without_inflating_it(monkeypatch):
    content = bomb(list(HEADER), inflated_bytes=70 * 1024 * 1024)
    assert len(content) < 1024 * 1024

    def no_inflating(*args, **kwargs):
        raise AssertionError("an entry of the bomb was opened")

    monkeypatch.setattr(zipfile.ZipFile, "open", no_inflating)
    tracemalloc.start()
    start = time.perf_counter()
    with pytest.raises(ValidationFailed, match="would unpack to more than 64 MB"):
        read_table(name="bomb.xlsx", content=content, required=list(HEADER))
    elapsed = time.perf_counter() - start
    _now, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert elapsed < 0.5
    assert peak < 5 * 1024 * 1024


def test_it_refuses_too_many_rows_before_openpyxl_parses_the_sheet(monkeypatch):
    content = workbook([list(HEADER)] + [["a", "b"]] * (MAX_IMPORT_ROWS + 1))

    def no_parsing(*args, **kwargs):
        raise AssertionError("openpyxl opened the workbook")

    monkeypatch.setattr(openpyxl, "load_workbook", no_parsing)
    with pytest.raises(ValidationFailed, match=f"more than {MAX_IMPORT_ROWS} rows"):
        read_table(name="rows.xlsx", content=content, required=list(HEADER))


def test_it_reads_exactly_as_many_rows_as_allowed_and_skips_blank_ones():
    rows = [list(HEADER)] + [["a", "b"]] * MAX_IMPORT_ROWS + [[None, None], ["", ""]]
    assert len(read_table(name="ok.xlsx", content=workbook(rows), required=list(HEADER))) == MAX_IMPORT_ROWS


def test_it_names_the_row_and_column_of_an_over_long_cell():
    content = ("name,kind\nok,ok\nok," + "z" * 10_001 + "\n").encode()
    with pytest.raises(ValidationFailed) as caught:
        read_table(name="long.csv", content=content, required=list(HEADER))
    assert [(p.row, p.field) for p in caught.value.problems] == [(3, "kind")]


def test_a_workbook_declaring_a_huge_dimension_is_read_by_its_cells():
    source = zipfile.ZipFile(io.BytesIO(workbook([list(HEADER), ["a", "b"]])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            body = source.read(entry)
            if entry.filename == "xl/worksheets/sheet1.xml":
                body = body.replace(b"<sheetData>", b'<dimension ref="A1:XFD1048576"/><sheetData>')
                assert b"XFD1048576" in body
            target.writestr(entry, body)
    start = time.perf_counter()
    rows = read_table(name="wide.xlsx", content=out.getvalue(), required=list(HEADER))
    assert [r.values for r in rows] == [{"name": "a", "kind": "b"}]
    assert time.perf_counter() - start < 0.5


# --- exports ---------------------------------------------------------------------------------------

NASTY = ["Evil\x00land", "line\x0bbreak", '=HYPERLINK("http://example.invalid","click")', "@SUM(A1)", "-1+2"]


def test_a_cell_loses_what_a_worksheet_cannot_hold_and_its_formula():
    assert export_cell("Evil\x00land\x1f") == "Evilland"
    assert export_cell("line\x0bbreak\x0cpage") == "line\nbreak\npage"
    assert export_cell("\x00=1+1") == "'=1+1"
    assert export_cell("tab\tand\nnewline") == "tab\tand\nnewline"
    assert export_cell(3) == 3
    assert export_cell(None) == ""
    assert len(export_cell("x" * 40_000, fmt="xlsx")) == 32_767


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_nasty_text_exports_in_every_format_with_formulas_neutralised(fmt):
    body = export_body(headers=["text"], rows=[[v] for v in NASTY], fmt=fmt)
    if fmt == "xlsx":
        assert isinstance(body, bytes)
        sheet = openpyxl.load_workbook(io.BytesIO(body)).active
        values = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    elif fmt == "csv":
        values = [row[0] for row in list(csv.reader(io.StringIO(str(body))))[1:]]
    else:
        values = [row["text"] for row in json.loads(body)]
    assert values == ["Evilland", "line\nbreak", "'" + NASTY[2], "'@SUM(A1)", "'-1+2"]
