"""import_members and export_members: all or nothing, dry run, idempotent, through the policy layer."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.core.management.base import CommandError

from hub.members.models import Member

HEADER = (
    "name,kind,iso3166,region,founding_member,mission_statement,joined_on,alliance_member,alliance_source,source,"
    "visibility\n"
)


def write(tmp_path: Path, body: str, name: str = "members.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_import_creates_then_is_idempotent(db, tmp_path, capsys):
    path = write(tmp_path, "Kappaland,government,PT,,no,not_listed,2024-03-01,yes,Alliance list,letter,public\n")
    call_command("import_members", str(path))
    assert "1 created" in capsys.readouterr().out
    member = Member.objects.get(name="Kappaland")
    assert member.region == "Europe"
    assert LogEntry.objects.get_for_object(member).exists()
    call_command("import_members", str(path))
    assert "0 created, 0 updated, 1 unchanged" in capsys.readouterr().out


def test_one_bad_row_at_the_end_writes_nothing_and_names_row_and_column(db, tmp_path, capsys):
    good = "".join(f"Land{i},government,,,no,not_listed,,,,src,public\n" for i in range(50))
    path = write(tmp_path, good + "Badland,government,QQ,,maybe,not_listed,2024-13-01,,,src,public\n")
    with pytest.raises(CommandError):
        call_command("import_members", str(path))
    err = capsys.readouterr().err
    assert "row 52, iso3166" in err
    assert "row 52, founding_member" in err
    assert "row 52, joined_on" in err
    assert not Member.objects.exists()


def test_dry_run_reports_and_writes_nothing(db, tmp_path, capsys):
    path = write(tmp_path, "Lambdaland,government,,,no,not_listed,,,,src,public\n")
    call_command("import_members", str(path), "--dry-run")
    assert "[dry run]" in capsys.readouterr().out
    assert not Member.objects.exists()


def test_duplicate_rows_are_named(db, tmp_path, capsys):
    path = write(tmp_path, "Mu,government,NO,,no,not_listed,,,,s,public\nMu,government,SE,,no,not_listed,,,,s,public\n")
    with pytest.raises(CommandError):
        call_command("import_members", str(path))
    assert "row 3, name: Same name as row 2." in capsys.readouterr().err


def test_xlsx_imports_and_other_types_are_refused_before_parsing(db, tmp_path, capsys):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["name", "kind", "source"])
    sheet.append(["Nuland", "government", "letter"])
    buffer = io.BytesIO()
    book.save(buffer)
    (tmp_path / "m.xlsx").write_bytes(buffer.getvalue())
    call_command("import_members", str(tmp_path / "m.xlsx"))
    assert Member.objects.filter(name="Nuland").exists()
    (tmp_path / "m.pdf").write_bytes(b"%PDF-")
    with pytest.raises(CommandError):
        call_command("import_members", str(tmp_path / "m.pdf"))
    (tmp_path / "fake.xlsx").write_bytes(b"name,kind\n")
    with pytest.raises(CommandError):
        call_command("import_members", str(tmp_path / "fake.xlsx"))


def test_export_then_import_round_trips(db, tmp_path, capsys):
    call_command("load_reference")
    out = tmp_path / "all.csv"
    call_command("export_members", "--output", str(out))
    call_command("import_members", str(out), "--dry-run")
    assert "0 created, 0 updated, 23 unchanged" in capsys.readouterr().out


def test_public_export_leaves_out_hidden_members(db, tmp_path):
    Member.objects.create(name="Hiddenia", slug="hiddenia", kind="government", visibility="secretariat", source="s")
    out = tmp_path / "public.json"
    call_command("export_members", "--public", "--format", "json", "--output", str(out))
    assert "Hiddenia" not in out.read_text()
    call_command("export_members", "--format", "json", "--output", str(out))
    assert "Hiddenia" in out.read_text()
