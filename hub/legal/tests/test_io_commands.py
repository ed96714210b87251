"""The import and export commands: clear messages, non-zero exit on failure, --dry-run."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from conftest import make_member
from hub.core.tabular import read_table
from hub.legal.models import Coding
from hub.legal.models import Statute
from hub.legal.services.io import CODING_COLUMNS
from hub.legal.services.io import STATUTE_COLUMNS
from hub.legal.tests.legal_world import checklist
from hub.legal.tests.test_io_imports import coding
from hub.legal.tests.test_io_imports import statute
from hub.legal.tests.test_io_imports import xlsx


@pytest.fixture
def three(db):
    checklist()
    return [make_member(name) for name in ("Fictland", "Imaginaria", "Inventia")]


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_the_codings_command_imports_checks_and_names_bad_rows(three, tmp_path):
    good = tmp_path / "codings.xlsx"
    good.write_bytes(xlsx(CODING_COLUMNS, [coding(m.slug, "O1", "met") for m in three]))
    assert "would have: 3 created" in run("import_legal_codings", str(good), "--dry-run")
    assert Coding.objects.count() == 0
    assert run("import_legal_codings", str(good)).startswith("3 created, 0 updated, 0 unchanged")
    assert run("import_legal_codings", str(good)).startswith("0 created, 0 updated, 3 unchanged")
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(xlsx(CODING_COLUMNS, [coding("fictland", "O2", "met"), coding("fictland", "Q1", "met")]))
    errors = io.StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_legal_codings", str(bad), stdout=io.StringIO(), stderr=errors)
    assert "bad.xlsx row 3, provision:" in errors.getvalue()
    assert Coding.objects.count() == 3


def test_the_statutes_command_imports(three, tmp_path):
    path = tmp_path / "statutes.xlsx"
    path.write_bytes(xlsx(STATUTE_COLUMNS, [statute("inventia", "Act 3")]))
    assert run("import_legal_statutes", str(path)).startswith("1 created")
    assert Statute.objects.get().profile.member.slug == "inventia"


def test_the_export_command_writes_the_import_format_of_one_member(three, tmp_path):
    path = tmp_path / "codings.xlsx"
    path.write_bytes(xlsx(CODING_COLUMNS, [coding(m.slug, "O1", "met") for m in three]))
    run("import_legal_codings", str(path))
    out = tmp_path / "export.xlsx"
    assert "1 codings written" in run(
        "export_legal_codings", "--member", "imaginaria", "--format", "xlsx", "--output", str(out)
    )
    rows = read_table(name="export.xlsx", content=out.read_bytes(), required=CODING_COLUMNS)
    assert [(r.get("member"), r.get("provision"), r.get("status")) for r in rows] == [("imaginaria", "O1", "met")]
    assert "fictland,2026-1,O1,met" in run("export_legal_codings")


def test_the_export_command_refuses_a_future_day(three):
    with pytest.raises(CommandError, match="future"):
        run("export_legal_codings", "--as-of", "2999-01-01")
